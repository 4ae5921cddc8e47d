package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Results Request: the ACS reports a challenge's final outcome through the DS to the 3DS Server. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RReq(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("dsTransID") String dsTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String messageCategory,
        String transStatus,
        String transStatusReason,
        String eci,
        String authenticationValue,
        String challengeCancel,
        String interactionCounter) implements ThreeDsMessage {
}
