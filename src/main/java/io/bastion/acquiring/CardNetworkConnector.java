package io.bastion.acquiring;

/**
 * The card network SPI: one implementation per acquirer or network. A real acquirer connector is one class
 * implementing this plus one {@link CardRouting} entry for its BIN ranges. Every call is keyed by Bastion's
 * own reference (the payment intent or refund id), so a repeated call is idempotent at the network and
 * {@link #status} can ask about an authorization whose answer was lost. Implementations answer values and
 * may throw on transport failure; the caller treats an exception exactly like {@link NetworkResult.Unknown}.
 */
public interface CardNetworkConnector {

    /** A short stable name stored with each payment, e.g. {@code test}. */
    String name();

    /**
     * Whether the connector needs the full card number. A network does; an on-us issuer finds the card by its
     * vault token, so the number never leaves the vault for it.
     */
    default boolean needsCardNumber() {
        return true;
    }

    /**
     * Whether authorizing sends the payment out of Bastion: a network's connector does; the on-us issuer writes to
     * Bastion's own database. Before a payment leaves, acquiring records what 3-D Secure said in a synchronous
     * commit, which makes the payment's earlier deferred commits durable too, so that a crash cannot make Bastion
     * forget a payment a network has seen.
     */
    default boolean leavesBastion() {
        return true;
    }

    /**
     * For an on-us connector, the issuer's ledger account of what it owes for its cardholders' payments in the
     * currency, which acquiring nets against its card receivable in the capture's and refund's own ledger
     * chains; empty for a network, which settles outside Bastion's ledger.
     */
    default java.util.Optional<String> issuerSettlementAccount(String currency) {
        return java.util.Optional.empty();
    }

    /** Asks the issuer to authorize (hold) the amount on the card, with the 3-D Secure result when there is one. */
    NetworkResult authorize(NetworkAuthorization request);

    /** The outcome of an earlier authorization whose answer was lost; Unknown if the network still does not know. */
    NetworkResult status(String reference);

    /** Captures all or part of an approved authorization. */
    NetworkResult capture(String reference, long amount, String currency);

    /** Reverses (voids) an approved authorization that was not captured. */
    NetworkResult reverse(String reference);

    /** Refunds part or all of a captured payment; {@code refundReference} is the refund's own id. */
    NetworkResult refund(String reference, String refundReference, long amount, String currency);
}
