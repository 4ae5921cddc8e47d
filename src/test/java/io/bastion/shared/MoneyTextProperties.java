package io.bastion.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.wallet.MinorUnits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The one formatter of amounts, checked as properties over whole ranges of amounts and currencies. */
class MoneyTextProperties {

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("EUR", "GBP", "USD", "JPY", "BHD", "CHF");
    }

    @Property
    void everyAmountReadsBackToTheSameMinorUnits(@ForAll @LongRange(min = 0, max = 99_999_999_999_999L) long minor,
                                                 @ForAll("currencies") String currency) {
        assertThat(MinorUnits.parse(MoneyText.plain(minor, currency), currency)).hasValue(minor);
    }

    @Property
    void theTextHasExactlyTheCurrencysMinorDigitsAndNoExponent(@ForAll long minor, @ForAll("currencies") String currency) {
        String text = MoneyText.plain(minor, currency);
        int digits = MoneyText.digits(currency);
        assertThat(text).matches(digits == 0 ? "-?[0-9]+" : "-?[0-9]+\\.[0-9]{" + digits + "}");
    }

    @Property
    void aNegativeAmountIsThePositiveOneWithAMinus(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long minor,
                                                   @ForAll("currencies") String currency) {
        assertThat(MoneyText.plain(-minor, currency)).isEqualTo("-" + MoneyText.plain(minor, currency));
        assertThat(MoneyText.withCode(minor, currency)).isEqualTo(MoneyText.plain(minor, currency) + " " + currency);
    }
}
