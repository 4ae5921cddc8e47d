package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Challenge Response: whether the challenge is complete, and its outcome when it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CRes(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String challengeCompletionInd,
        String transStatus) implements ThreeDsMessage {
}
