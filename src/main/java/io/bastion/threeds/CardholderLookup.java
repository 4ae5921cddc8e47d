package io.bastion.threeds;

/**
 * SPI through which an ACS learns about the card behind a token: issuing implements it for Bastion's own
 * cards, acquiring and {@link TestNetworkCards} for the test network's ranges. Several lookups may serve one
 * ACS; the first that knows the token answers.
 */
public interface CardholderLookup {

    /** The ACS name of Bastion's own cards. */
    String BASTION_ACS = "bastion";
    /** The ACS name of the test network's cards. */
    String TEST_ACS = "test";

    /** The ACS that serves this issuer's cards: {@code bastion} for Bastion's own, {@code test} for the test network. */
    String acsName();

    /**
     * A decision the issuer fixes for a card whatever the risk rules say ({@code Y} frictionless or {@code C}
     * challenge), as the test network's documented cards do; empty for real cards.
     */
    default java.util.Optional<String> fixedDecision(AccountToken token) {
        return java.util.Optional.empty();
    }

    /**
     * A stable name of the card behind the token, by which the ACS remembers devices the cardholder used:
     * tokens may differ per payment for the same card. Defaults to the token itself.
     */
    default String cardKey(AccountToken token) {
        return token.value();
    }

    /** Whether the card exists and may be used. */
    CardStatus status(AccountToken token);

    /** The cardholder's verified phone in E.164 form, or null when there is none. */
    String verifiedPhone(AccountToken token);

    /** Whether the cardholder's controls (limits, countries, merchant categories) allow this purchase. */
    boolean controlsAllow(AccountToken token, long amount, String currency, String merchantCountry, String mcc);

    /** The state of a card as an ACS needs it. */
    enum CardStatus { ACTIVE, FROZEN, UNKNOWN }
}
