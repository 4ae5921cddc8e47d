package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Results Response: the 3DS Server acknowledges an RReq (resultsStatus 01: received). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RRes(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("dsTransID") String dsTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String resultsStatus) implements ThreeDsMessage {
}
