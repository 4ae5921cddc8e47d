package io.bastion.threeds;

import java.util.Map;
import java.util.Optional;

/**
 * The test network's cards, deterministic: a frictionless card (known on device {@value #KNOWN_DEVICE} at
 * every merchant), a challenge card and a frozen card, all in range 40000000-40000099, with a phone each.
 * The test ACS uses this as its {@link CardholderLookup}; it is never used for real cards.
 */
public final class TestNetworkCards implements CardholderLookup, CardRangeLookup {

    public static final String FRICTIONLESS = "tok_testfrictionless";
    public static final String CHALLENGE = "tok_testchallenge";
    public static final String FROZEN = "tok_testfrozen";
    public static final String KNOWN_DEVICE = "dev_testknown";
    /** Amounts above this (minor units) are refused by the test cards' controls. */
    public static final long CONTROLS_AMOUNT_MAX = 500_000L;

    private record TestCard(String bin, CardStatus status, String phone) {
    }

    private static final Map<String, TestCard> CARDS = Map.of(
            FRICTIONLESS, new TestCard("40000001", CardStatus.ACTIVE, "+15550100001"),
            CHALLENGE, new TestCard("40000002", CardStatus.ACTIVE, "+15550100002"),
            FROZEN, new TestCard("40000003", CardStatus.FROZEN, "+15550100003"));

    @Override
    public String acsName() {
        return ThreeDsConfiguration.TEST_ACS;
    }

    @Override
    public Optional<Cardholder> cardholder(AccountToken token) {
        return Optional.ofNullable(CARDS.get(token.value())).map(card -> new FixedCardholder(card.status(),
                Optional.empty(), token.value(), card.phone(), CONTROLS_AMOUNT_MAX));
    }

    @Override
    public Optional<String> bin(AccountToken token) {
        return Optional.ofNullable(CARDS.get(token.value())).map(TestCard::bin);
    }
}
