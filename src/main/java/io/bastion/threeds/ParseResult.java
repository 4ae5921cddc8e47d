package io.bastion.threeds;

import java.util.Objects;

/** The outcome of reading a message: the valid message, or the Erro message to answer with. */
public sealed interface ParseResult<T extends ThreeDsMessage> {

    /** A message that passed every check on receipt. */
    record Valid<T extends ThreeDsMessage>(T message) implements ParseResult<T> {
        public Valid {
            Objects.requireNonNull(message, "message");
        }
    }

    /** A message refused on receipt, with the error the receiving component answers. */
    record Refused<T extends ThreeDsMessage>(Erro error) implements ParseResult<T> {
        public Refused {
            Objects.requireNonNull(error, "error");
        }
    }
}
