package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every allowed and every forbidden move of the card and authorization state machines, listed. */
class StateMachineTests {

    @Test
    void cardStatusAllowsExactlyFreezeUnfreezeAndClose() {
        Set<String> allowed = Set.of("ACTIVE->FROZEN", "FROZEN->ACTIVE", "ACTIVE->CLOSED", "FROZEN->CLOSED");
        for (CardStatus from : CardStatus.values()) {
            for (CardStatus to : CardStatus.values()) {
                assertThat(from.mayBecome(to)).as(from + "->" + to).isEqualTo(allowed.contains(from + "->" + to));
            }
        }
    }

    @Test
    void aClosedCardNeverMovesAgain() {
        for (CardStatus to : CardStatus.values()) {
            assertThat(CardStatus.CLOSED.mayBecome(to)).isFalse();
        }
    }

    @Test
    void authorizationStatusAllowsExactlyTheListedMoves() {
        Set<String> allowed = Set.of("PENDING->APPROVED", "PENDING->DECLINED", "APPROVED->CAPTURED", "APPROVED->REVERSED",
                "APPROVED->EXPIRED");
        for (AuthorizationStatus from : AuthorizationStatus.values()) {
            for (AuthorizationStatus to : AuthorizationStatus.values()) {
                assertThat(from.mayBecome(to)).as(from + "->" + to).isEqualTo(allowed.contains(from + "->" + to));
            }
        }
        for (AuthorizationStatus terminal : EnumSet.of(AuthorizationStatus.DECLINED, AuthorizationStatus.CAPTURED,
                AuthorizationStatus.REVERSED, AuthorizationStatus.EXPIRED)) {
            assertThat(EnumSet.allOf(AuthorizationStatus.class)).noneMatch(terminal::mayBecome);
        }
    }

    @Test
    void generatedNumbersAreInTheBinRangeAndPassTheLuhnCheck() {
        CardNumbers numbers = new CardNumbers("49999900");
        for (int i = 0; i < 1000; i++) {
            String n = numbers.next();
            assertThat(n).hasSize(16).startsWith("49999900").matches("[0-9]{16}");
            assertThat(CardNumbers.luhnValid(n)).isTrue();
            assertThat(io.bastion.vault.CardNumber.luhnValid(n)).isTrue();
        }
    }

    @Test
    void aBinOutsideTheVisaRangeIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CardNumbers("549999"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CardNumbers("49999"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlsRefuseUnknownCountriesMalformedCategoriesAndLimitsOutOfRange() {
        assertThat(CardControls.defaults().invalidity()).isNull();
        assertThat(new CardControls(true, 0, 10, java.util.List.of(), java.util.List.of()).invalidity())
                .isEqualTo(CardControls.ControlRejection.TRANSACTION_LIMIT_MUST_BE_IN_RANGE);
        assertThat(new CardControls(true, 10, CardControls.LIMIT_MAX_MINOR + 1, java.util.List.of(), java.util.List.of())
                .invalidity()).isEqualTo(CardControls.ControlRejection.DAILY_LIMIT_MUST_BE_IN_RANGE);
        assertThat(new CardControls(true, 10, 10, java.util.List.of("XX"), java.util.List.of()).invalidity())
                .isEqualTo(CardControls.ControlRejection.COUNTRIES_MUST_BE_ISO_3166_ALPHA_2);
        assertThat(new CardControls(true, 10, 10, java.util.List.of("DE"), java.util.List.of("59")).invalidity())
                .isEqualTo(CardControls.ControlRejection.MCCS_MUST_BE_FOUR_DIGITS);
    }
}
