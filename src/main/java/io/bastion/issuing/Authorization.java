package io.bastion.issuing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored authorization: its outcome, the masked card, the merchant, the hold it placed if approved, what
 * 3-D Secure said (transStatus, ECI, flow; null for a payment without 3-D Secure), whether fraud liability
 * shifted to the issuer, and how much was captured and refunded.
 */
public record Authorization(String id, String cardId, String masked, AuthorizationStatus status, DeclineReason declineReason,
                            long amountMinor, String currency, String merchantName, String merchantCountry, String mcc,
                            boolean online, String holdTransferId, LocalDate spendDay, long capturedMinor,
                            Instant createdAt, String threeDsTransStatus, String eci, String threeDsFlow,
                            boolean liabilityShift, long refundedMinor) {
}
