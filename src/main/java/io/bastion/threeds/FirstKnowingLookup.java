package io.bastion.threeds;

import java.util.List;
import java.util.Optional;

/**
 * The issuers behind one ACS as one lookup: each question goes to the first lookup that knows the token,
 * so the test ACS serves both the test network's vault-stored cards and {@link TestNetworkCards}.
 */
final class FirstKnowingLookup implements CardholderLookup {

    private final String acsName;
    private final List<CardholderLookup> lookups;

    FirstKnowingLookup(String acsName, List<CardholderLookup> lookups) {
        this.acsName = acsName;
        this.lookups = List.copyOf(lookups);
    }

    private Optional<CardholderLookup> knowing(AccountToken token) {
        if (lookups.size() == 1) {
            // One issuer behind the ACS: it answers everything itself, without asking it twice.
            return Optional.of(lookups.getFirst());
        }
        return lookups.stream().filter(l -> l.status(token) != CardStatus.UNKNOWN).findFirst();
    }

    @Override
    public String acsName() {
        return acsName;
    }

    @Override
    public Optional<String> fixedDecision(AccountToken token) {
        return knowing(token).flatMap(l -> l.fixedDecision(token));
    }

    @Override
    public String cardKey(AccountToken token) {
        return knowing(token).map(l -> l.cardKey(token)).orElse(token.value());
    }

    @Override
    public CardStatus status(AccountToken token) {
        return knowing(token).map(l -> l.status(token)).orElse(CardStatus.UNKNOWN);
    }

    @Override
    public String verifiedPhone(AccountToken token) {
        return knowing(token).map(l -> l.verifiedPhone(token)).orElse(null);
    }

    @Override
    public boolean controlsAllow(AccountToken token, long amount, String currency, String merchantCountry, String mcc) {
        return knowing(token).map(l -> l.controlsAllow(token, amount, currency, merchantCountry, mcc)).orElse(false);
    }
}
