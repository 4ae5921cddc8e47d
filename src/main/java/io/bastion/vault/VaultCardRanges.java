package io.bastion.vault;

import io.bastion.threeds.AccountToken;
import io.bastion.threeds.CardRangeLookup;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells the Directory Server the BIN of a vault token (the acctNumber of an AReq) from the first six
 * digits the vault keeps in clear beside each card, so 3-D Secure routes by range without decrypting
 * anything. A value that is not shaped like a vault token never reaches the database.
 */
final class VaultCardRanges implements CardRangeLookup {

    private final Vault vault;

    VaultCardRanges(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    @Override
    public Optional<String> bin(AccountToken token) {
        if (token == null || !token.value().startsWith(CardToken.PREFIX)) {
            return Optional.empty();
        }
        CardToken cardToken;
        try {
            cardToken = new CardToken(token.value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return vault.first6(cardToken);
    }
}
