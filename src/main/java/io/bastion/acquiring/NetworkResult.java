package io.bastion.acquiring;

import java.util.Objects;

/**
 * A card network's answer, as a value: approved (with the network's reference), declined with a reason,
 * or unknown (timeout or lost answer: the payment must never count as approved).
 */
public sealed interface NetworkResult {

    /** The network approved; {@code reference} identifies the authorization at the network. */
    record Approved(String reference) implements NetworkResult {
        public Approved {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /** The network declined, for a reason the merchant may see. */
    record Declined(DeclineReason reason) implements NetworkResult {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No answer in time, or an answer Bastion cannot read: ask again later with the same reference. */
    record Unknown(String detail) implements NetworkResult {
    }

    /** Why a network declined, named as merchants expect. */
    enum DeclineReason {
        INSUFFICIENT_FUNDS, EXPIRED_CARD, PROCESSING_ERROR, STOLEN_CARD, DO_NOT_HONOR, INCORRECT_CVC,
        CARD_NOT_SUPPORTED, LIMIT_EXCEEDED, AUTHENTICATION_REQUIRED, AUTHENTICATION_FAILED
    }
}
