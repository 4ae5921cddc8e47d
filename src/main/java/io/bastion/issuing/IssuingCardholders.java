package io.bastion.issuing;

import io.bastion.shared.CountryCodes;
import io.bastion.shared.MoneyText;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.CardholderLookup;
import io.bastion.vault.CardToken;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What Bastion's own ACS learns from the issuer about the card behind a 3-D Secure acctNumber: a vault token,
 * usually the one-off token the payment page made, resolved to the issued card by the vault's fingerprint.
 * Devices are remembered per issued card (its id), so they carry over from one payment's token to the next.
 */
@Component
final class IssuingCardholders implements CardholderLookup {

    private static final Pattern ALPHA2 = Pattern.compile("[A-Z]{2}");
    private static final Pattern NUMERIC3 = Pattern.compile("[0-9]{3}");

    private final IssuedCardTokens tokens;
    private final Issuing issuing;
    private final Clock clock;

    IssuingCardholders(IssuedCardTokens tokens, Issuing issuing, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.issuing = Objects.requireNonNull(issuing, "issuing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String acsName() {
        return CardholderLookup.BASTION_ACS;
    }

    @Override
    public Optional<Cardholder> cardholder(AccountToken token) {
        return card(token).map(IssuedCardholder::new);
    }

    /** An issued card as the ACS sees it; devices are remembered under the card's id. */
    private final class IssuedCardholder implements Cardholder {

        private final Card card;

        IssuedCardholder(Card card) {
            this.card = card;
        }

        /** ACTIVE for an active card within its expiry; FROZEN for a frozen, closed or expired one. */
        @Override
        public CardStatus status() {
            return usable(card) ? CardStatus.ACTIVE : CardStatus.FROZEN;
        }

        @Override
        public String cardKey() {
            return card.id();
        }

        @Override
        public String verifiedPhone() {
            return issuing.cardholderPhone(new CardToken(card.token())).orElse(null);
        }

        /**
         * The card's controls for an online purchase as {@link AuthorizationRules} applies them at authorization:
         * online payments on, the merchant's country (3-D Secure sends it as an ISO 3166 numeric code) allowed,
         * the category not blocked, within the per-transaction limit, and in the card's own currency (3-D Secure
         * sends the ISO 4217 numeric code).
         */
        @Override
        public boolean controlsAllow(long amount, String currency, String merchantCountry, String mcc) {
            if (!usable(card) || amount <= 0 || !numericCurrencyOf(card.currency()).equals(currency)) {
                return false;
            }
            return AuthorizationRules.controls(card.controls(), true, alpha2(merchantCountry), mcc, amount) == null;
        }
    }

    private boolean usable(Card card) {
        return card.status() == io.bastion.issuing.CardStatus.ACTIVE
                && !card.expiry().isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)));
    }

    private Optional<Card> card(AccountToken token) {
        return token == null ? Optional.empty() : tokens.card(token.value());
    }

    private static String numericCurrencyOf(String alphabetic) {
        try {
            return MoneyText.numericCode(alphabetic);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The merchant's country as the controls name it; an unknown code matches no allowed country. */
    private static String alpha2(String country) {
        if (country == null) {
            return "";
        }
        if (ALPHA2.matcher(country).matches()) {
            return country;
        }
        return NUMERIC3.matcher(country).matches() ? CountryCodes.alpha2(country).orElse("") : "";
    }
}
