package io.bastion.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CardNumberTests {

    /** A generated card number and the brand it was generated for. */
    record Generated(String digits, CardBrand brand) {
    }

    @Provide
    Arbitrary<Generated> knownBrandNumbers() {
        Arbitrary<Generated> visa = Combinators.combine(Arbitraries.of(13, 16, 19), Arbitraries.longs())
                .as((length, seed) -> new Generated(withCheckDigit("4", length, seed), CardBrand.VISA));
        Arbitrary<Generated> mastercard = Combinators.combine(
                        Arbitraries.oneOf(Arbitraries.integers().between(51, 55), Arbitraries.integers().between(2221, 2720)),
                        Arbitraries.longs())
                .as((prefix, seed) -> new Generated(withCheckDigit(prefix.toString(), 16, seed), CardBrand.MASTERCARD));
        Arbitrary<Generated> amex = Combinators.combine(Arbitraries.of("34", "37"), Arbitraries.longs())
                .as((prefix, seed) -> new Generated(withCheckDigit(prefix, 15, seed), CardBrand.AMEX));
        return Arbitraries.oneOf(visa, mastercard, amex);
    }

    @Property
    void everyLuhnValidNumberOfAKnownBrandParses(@ForAll("knownBrandNumbers") Generated generated) {
        CardNumber number = CardNumber.of(generated.digits());

        assertThat(number.brand()).isEqualTo(generated.brand());
        assertThat(number.digits()).isEqualTo(generated.digits());
    }

    @Property
    void changingAnyOneDigitMakesTheNumberInvalid(@ForAll("knownBrandNumbers") Generated generated,
                                                 @ForAll @IntRange(min = 0, max = 18) int position,
                                                 @ForAll @IntRange(min = 1, max = 9) int shift) {
        String digits = generated.digits();
        int at = position % digits.length();
        char changed = (char) ('0' + (digits.charAt(at) - '0' + shift) % 10);
        String flipped = digits.substring(0, at) + changed + digits.substring(at + 1);

        assertThat(CardNumber.check(flipped)).isPresent();
    }

    @Property
    void toStringShowsAtMostTheFirstSixAndLastFourDigits(@ForAll("knownBrandNumbers") Generated generated) {
        CardNumber number = CardNumber.of(generated.digits());
        String shown = number.toString();

        assertThat(shown).doesNotContain(generated.digits());
        assertThat(shown.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(10);
        assertThat(shown).startsWith(generated.digits().substring(0, 6)).endsWith(number.last4());
    }

    @Test
    void separatorsAreAllowedAndLengthsOutsideThirteenToNineteenAreRefused() {
        assertThat(CardNumber.of("4111 1111 1111 1111").digits()).isEqualTo("4111111111111111");
        assertThat(CardNumber.of("4111-1111-1111-1111").digits()).isEqualTo("4111111111111111");
        assertThat(CardNumber.check("411111111111")).contains(CardNumber.Rejection.MUST_BE_13_TO_19_DIGITS);
        assertThat(CardNumber.check("41111111111111111111")).contains(CardNumber.Rejection.MUST_BE_13_TO_19_DIGITS);
        assertThat(CardNumber.check("4111x11111111111")).contains(CardNumber.Rejection.MUST_BE_13_TO_19_DIGITS);
        assertThat(CardNumber.check("4111111111111112")).contains(CardNumber.Rejection.MUST_PASS_LUHN_CHECK);
        assertThat(CardNumber.check("6011111111111117")).contains(CardNumber.Rejection.MUST_BE_OF_KNOWN_BRAND);
        assertThat(CardNumber.check("378282246310005")).isEqualTo(Optional.empty());
    }

    @Test
    void aRefusedNumberIsNotRepeatedInTheMessage() {
        assertThatThrownBy(() -> CardNumber.of("4111111111111112"))
                .hasMessageNotContaining("4111111111111112").hasMessageContaining("MUST_PASS_LUHN_CHECK");
    }

    @Test
    void anExpiryLastsUntilTheEndOfItsMonth() {
        Clock lastDay = Clock.fixed(Instant.parse("2030-03-31T23:59:59Z"), ZoneOffset.UTC);
        Clock nextMonth = Clock.fixed(Instant.parse("2030-04-01T00:00:00Z"), ZoneOffset.UTC);

        assertThat(new Expiry(3, 2030).isExpiredAt(lastDay)).isFalse();
        assertThat(new Expiry(3, 2030).isExpiredAt(nextMonth)).isTrue();
        assertThat(Expiry.parse("03/30")).isEqualTo(new Expiry(3, 2030));
        assertThatThrownBy(() -> new Expiry(13, 2030)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCvvMasksItselfAndCanBeWiped() {
        Cvv cvv = Cvv.of("123");

        assertThat(cvv.toString()).doesNotContain("123");
        assertThat(cvv.matches("123")).isTrue();
        assertThat(cvv.matches("124")).isFalse();
        cvv.wipe();
        assertThat(cvv.matches("123")).isFalse();
        assertThatThrownBy(() -> Cvv.of("12")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Fills the prefix with digits from the seed up to one short of the length and appends the Luhn digit. */
    static String withCheckDigit(String prefix, int length, long seed) {
        StringBuilder digits = new StringBuilder(prefix);
        java.util.Random random = new java.util.Random(seed);
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        for (int check = 0; check <= 9; check++) {
            if (CardNumber.luhnValid(digits.toString() + check)) {
                return digits.toString() + check;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }
}
