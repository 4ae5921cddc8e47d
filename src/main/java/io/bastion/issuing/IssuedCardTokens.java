package io.bastion.issuing;

import io.bastion.vault.CardToken;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the issued card behind a vault token: the issued-card token itself, or any other token of the same
 * card (the one-off token a payment page made when the cardholder typed the number, a merchant's stored-card
 * token), which the vault matches to the issued-card token by fingerprint without decrypting.
 */
@Component
final class IssuedCardTokens {

    private final CardStore cards;
    private final Vault vault;

    IssuedCardTokens(CardStore cards, Vault vault) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** The issued card a token stands for, or empty when it is no token of a Bastion card. */
    Optional<Card> card(CardToken token) {
        Objects.requireNonNull(token, "token");
        Optional<Card> direct = cards.byToken(token.value());
        if (direct.isPresent()) {
            return direct;
        }
        return vault.findToken(token, TokenPurpose.ISSUED_CARD).flatMap(issued -> cards.byToken(issued.value()));
    }

    /** As {@link #card(CardToken)} for a token given as text; empty when the text is no vault token at all. */
    Optional<Card> card(String token) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            return card(new CardToken(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
