package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Challenge Request: the cardholder's browser posts it to the ACS, later with the code typed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CReq(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String challengeWindowSize,
        String challengeCancel,
        String resendChallenge,
        ChallengeEntry challengeDataEntry) implements ThreeDsMessage {
}
