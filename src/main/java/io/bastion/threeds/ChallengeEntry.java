package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** The challengeDataEntry of a CReq: the one-time code the cardholder typed, never shown by {@code toString()}. */
public record ChallengeEntry(@JsonValue String value) {

    public ChallengeEntry {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "ChallengeEntry[****]";
    }
}
