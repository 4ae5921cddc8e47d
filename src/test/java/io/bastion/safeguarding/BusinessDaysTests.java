package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Business days run Monday to Friday; a statement may be one business day old. */
class BusinessDaysTests {

    @Test
    void theBusinessDayBeforeAMondayOrAWeekendIsFriday() {
        LocalDate friday = LocalDate.of(2026, 11, 20);
        assertThat(BusinessDays.previous(LocalDate.of(2026, 11, 23))).isEqualTo(friday);
        assertThat(BusinessDays.previous(LocalDate.of(2026, 11, 22))).isEqualTo(friday);
        assertThat(BusinessDays.previous(LocalDate.of(2026, 11, 21))).isEqualTo(friday);
        assertThat(BusinessDays.previous(LocalDate.of(2026, 11, 24))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void aStatementIsStaleOnlyWhenBookedBeforeThePreviousBusinessDay() {
        LocalDate tuesday = LocalDate.of(2026, 11, 24);
        assertThat(BusinessDays.stale(LocalDate.of(2026, 11, 23), tuesday)).isFalse();
        assertThat(BusinessDays.stale(LocalDate.of(2026, 11, 20), tuesday)).isTrue();
        assertThat(BusinessDays.stale(tuesday, tuesday)).isFalse();
    }

    @Test
    void aShortfallOutranksAStaleStatementAndNothingOwedNeedsNoStatement() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        assertThat(new Position("EUR", 100, 90, 100L, LocalDate.of(2026, 11, 1)).assess(monday))
                .isEqualTo(ReconciliationStatus.SHORTFALL);
        assertThat(new Position("EUR", 100, 100, 99L, monday).assess(monday)).isEqualTo(ReconciliationStatus.SHORTFALL);
        assertThat(new Position("EUR", 100, 100, 101L, monday).assess(monday)).isEqualTo(ReconciliationStatus.EXCESS);
        assertThat(new Position("EUR", 0, 0, null, null).assess(monday)).isEqualTo(ReconciliationStatus.BALANCED);
        assertThat(new Position("EUR", 5, 5, null, null).assess(monday)).isEqualTo(ReconciliationStatus.NO_STATEMENT);
    }
}
