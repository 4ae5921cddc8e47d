package io.bastion.issuing;

import java.time.Instant;
import java.time.LocalDate;

/** A stored authorization: its outcome, the masked card, the merchant, and the hold it placed if approved. */
public record Authorization(String id, String cardId, String masked, AuthorizationStatus status, DeclineReason declineReason,
                            long amountMinor, String currency, String merchantName, String merchantCountry, String mcc,
                            boolean online, String holdTransferId, LocalDate spendDay, long capturedMinor,
                            Instant createdAt) {
}
