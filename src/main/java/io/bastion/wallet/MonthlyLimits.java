package io.bastion.wallet;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monthly outgoing volume per wallet. A send first reserves its amount (with the fee) here and releases it
 * when the ledger refuses; the reservation is one statement, INSERT ... ON CONFLICT DO UPDATE ... WHERE
 * used + amount <= max, which takes the row lock and re-reads the latest committed row, so concurrent
 * sends of one wallet are ordered and together never pass the limit. A crash between the reservation and
 * the ledger leaves the volume counted (the safe side), never uncounted.
 */
@Component
final class MonthlyLimits {

    private final JdbcClient jdbc;
    private final Clock clock;

    MonthlyLimits(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    LocalDate month() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1);
    }

    /** Reserves outgoing volume in the month; false when it would pass the maximum. */
    boolean reserve(String walletId, LocalDate month, long amountMinor, long maxMinor) {
        if (amountMinor > maxMinor) {
            return false;
        }
        return jdbc.sql("""
                INSERT INTO wallet_limit_usage (wallet_id, month, outgoing_minor) VALUES (?, ?, ?)
                ON CONFLICT (wallet_id, month) DO UPDATE
                    SET outgoing_minor = wallet_limit_usage.outgoing_minor + EXCLUDED.outgoing_minor
                    WHERE wallet_limit_usage.outgoing_minor + EXCLUDED.outgoing_minor <= ?""")
                .params(walletId, month, amountMinor, maxMinor).update() == 1;
    }

    /** Gives back a reservation whose send did not happen. */
    void release(String walletId, LocalDate month, long amountMinor) {
        jdbc.sql("""
                UPDATE wallet_limit_usage SET outgoing_minor = greatest(outgoing_minor - ?, 0)
                WHERE wallet_id = ? AND month = ?""").params(amountMinor, walletId, month).update();
    }

    long used(String walletId, LocalDate month) {
        return jdbc.sql("SELECT outgoing_minor FROM wallet_limit_usage WHERE wallet_id = ? AND month = ?")
                .params(walletId, month).query(Long.class).optional().orElse(0L);
    }
}
