package io.bastion.threeds;

import java.util.Optional;

/**
 * SPI that tells the Directory Server a token's card range (its first six or eight digits), since Bastion's
 * acctNumber is a vault token: the vault implements it for stored cards, {@link TestNetworkCards} for
 * the test cards.
 */
public interface CardRangeLookup {

    /** The card's BIN (six or eight digits), if the token is known. */
    Optional<String> bin(AccountToken token);
}
