package io.bastion.safeguarding;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Business days are Monday to Friday. Bank holidays are not known here: a statement missing after a
 * holiday is reported stale, which an operator can see for what it is.
 */
final class BusinessDays {

    private BusinessDays() {
    }

    /** The business day before {@code date}: Friday for a Saturday, Sunday or Monday. */
    static LocalDate previous(LocalDate date) {
        LocalDate day = date.minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** A statement is stale when booked before the business day before {@code businessDate}. */
    static boolean stale(LocalDate bookedOn, LocalDate businessDate) {
        return bookedOn.isBefore(previous(businessDate));
    }
}
