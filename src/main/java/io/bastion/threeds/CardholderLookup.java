package io.bastion.threeds;

/**
 * SPI through which an ACS learns about the card behind a token: issuing implements it for Bastion's own
 * cards, {@link TestNetworkCards} for the test network's ranges.
 */
public interface CardholderLookup {

    /** Whether the card exists and may be used. */
    CardStatus status(AccountToken token);

    /** The cardholder's verified phone in E.164 form, or null when there is none. */
    String verifiedPhone(AccountToken token);

    /** Whether the cardholder's controls (limits, countries, merchant categories) allow this purchase. */
    boolean controlsAllow(AccountToken token, long amount, String currency, String merchantCountry, String mcc);

    /** The state of a card as an ACS needs it. */
    enum CardStatus { ACTIVE, FROZEN, UNKNOWN }
}
