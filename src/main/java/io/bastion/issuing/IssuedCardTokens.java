package io.bastion.issuing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    /** Tokens remembered at most. */
    static final int REMEMBERED_MAX = 100_000;

    private final CardStore cards;
    private final Vault vault;
    /**
     * Which issued-card token each token seen stands for. That a token belongs to a card never changes, so
     * remembering it is safe; the card itself (status, controls) is read fresh every time.
     */
    private final Cache<String, String> issuedTokenOf = Caffeine.newBuilder().maximumSize(REMEMBERED_MAX).build();

    IssuedCardTokens(CardStore cards, Vault vault) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** The issued card a token stands for, or empty when it is no token of a Bastion card. */
    Optional<Card> card(CardToken token) {
        Objects.requireNonNull(token, "token");
        String known = issuedTokenOf.getIfPresent(token.value());
        if (known != null) {
            return cards.byToken(known);
        }
        // The vault names the issued-card token of the same card whatever the given token was made for (an issued
        // card's own token names itself), so a payment page's one-off token costs two reads instead of a read of the
        // cards that always misses first.
        Optional<Card> card = vault.findToken(token, TokenPurpose.ISSUED_CARD).flatMap(issued -> cards.byToken(issued.value()));
        card.ifPresent(c -> issuedTokenOf.put(token.value(), c.token()));
        return card;
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
