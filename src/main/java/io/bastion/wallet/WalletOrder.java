package io.bastion.wallet;

import io.bastion.identity.ConfirmationAction;
import java.time.Instant;

/**
 * A customer's order to send money to another wallet ({@code transfer}) or to an external IBAN
 * ({@code payout}); status is awaiting, executing, done or failed.
 */
public record WalletOrder(String id, String userId, String kind, String walletId, String payeeWalletId,
                          String creditorIban, String payeeLabel, long amountMinor, long feeMinor, String currency,
                          String reference, boolean confirmationRequired, String status, String rejection,
                          Instant createdAt) {

    /** The payee as confirmations name it: the payee wallet's IBAN or the external IBAN. */
    public ConfirmationAction.Payment action(String payeeIban) {
        return new ConfirmationAction.Payment(amountMinor + feeMinor, currency, payeeIban, payeeLabel);
    }

    public boolean payout() {
        return "payout".equals(kind);
    }
}
