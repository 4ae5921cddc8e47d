package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Authentication Response: the ACS's answer (Y, N, U, A, C or R), relayed by the DS. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ARes(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("dsTransID") String dsTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String transStatus,
        String transStatusReason,
        String eci,
        String authenticationValue,
        @JsonProperty("acsURL") String acsURL) implements ThreeDsMessage {
}
