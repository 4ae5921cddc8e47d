package io.bastion.acquiring;

import io.bastion.threeds.AccountToken;
import io.bastion.threeds.CardholderLookup;
import io.bastion.vault.CardToken;
import io.bastion.vault.MaskedCard;
import io.bastion.vault.Vault;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The test network's issuer as its ACS sees it: a vault token whose card is one of the documented
 * {@link TestCard}s is an active card with a fixed 3-D Secure behaviour (pm_card_challenge always gets a
 * challenge, every other test card is frictionless) and the test cardholder phone {@value #TEST_PHONE}, whose
 * SMS land in the development inbox. Recognised by first six and last four digits, so nothing is decrypted
 * beyond the masked card.
 */
@Component
final class TestNetworkCardholders implements CardholderLookup {

    /** The phone of every test network cardholder. */
    static final String TEST_PHONE = "+15550100002";

    private final Vault vault;

    TestNetworkCardholders(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    private Optional<TestCard> card(AccountToken token) {
        if (!token.value().startsWith("tok_")) {
            return Optional.empty();
        }
        try {
            MaskedCard masked = vault.masked(new CardToken(token.value()));
            return TestCard.byMaskedDigits(masked.first6(), masked.last4());
        } catch (NoSuchElementException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String acsName() {
        return TEST_ACS;
    }

    @Override
    public Optional<Cardholder> cardholder(AccountToken token) {
        return card(token).map(card -> new FixedCardholder(CardStatus.ACTIVE,
                Optional.of(card == TestCard.CHALLENGE ? "C" : "Y"), token.value(), TEST_PHONE, Long.MAX_VALUE));
    }
}
