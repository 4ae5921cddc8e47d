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

    @Override
    public String acsName() {
        return acsName;
    }

    @Override
    public Optional<Cardholder> cardholder(AccountToken token) {
        for (CardholderLookup lookup : lookups) {
            Optional<Cardholder> found = lookup.cardholder(token);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
