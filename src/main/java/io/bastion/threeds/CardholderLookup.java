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
     * The card behind a token as the ACS needs it for one message, read once; empty when this issuer does not
     * know the token.
     */
    java.util.Optional<Cardholder> cardholder(AccountToken token);

    /** Whether the card exists and may be used: UNKNOWN when this issuer does not know the token. */
    default CardStatus status(AccountToken token) {
        return cardholder(token).map(Cardholder::status).orElse(CardStatus.UNKNOWN);
    }

    /** A card as its issuer described it to the ACS at one moment. */
    interface Cardholder {

        /** ACTIVE or FROZEN (a frozen, closed or expired card). */
        CardStatus status();

        /**
         * A decision the issuer fixes for the card whatever the risk rules say ({@code Y} frictionless or {@code C}
         * challenge), as the test network's documented cards do; empty for real cards.
         */
        default java.util.Optional<String> fixedDecision() {
            return java.util.Optional.empty();
        }

        /**
         * A stable name of the card, by which the ACS remembers devices the cardholder used: tokens may differ
         * per payment for the same card.
         */
        String cardKey();

        /** The cardholder's verified phone in E.164 form, or null when there is none; asked only for a challenge. */
        String verifiedPhone();

        /** Whether the cardholder's controls (limits, countries, merchant categories) allow this purchase. */
        boolean controlsAllow(long amount, String currency, String merchantCountry, String mcc);
    }

    /**
     * A cardholder whose answers are fixed values, as test issuers describe their documented cards: controls allow
     * any purchase up to {@code amountMax} minor units.
     */
    record FixedCardholder(CardStatus status, java.util.Optional<String> fixedDecision, String cardKey,
                           String verifiedPhone, long amountMax) implements Cardholder {

        @Override
        public boolean controlsAllow(long amount, String currency, String merchantCountry, String mcc) {
            return amount <= amountMax;
        }
    }

    /** The state of a card as an ACS needs it. */
    enum CardStatus { ACTIVE, FROZEN, UNKNOWN }
}
