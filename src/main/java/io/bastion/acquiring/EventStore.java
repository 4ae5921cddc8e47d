package io.bastion.acquiring;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The event table of acquiring. */
@Component
final class EventStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    EventStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    void insert(String id, String merchantId, String type, String payload) {
        jdbc.sql("INSERT INTO acquiring_event (id, merchant_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, merchantId, type, payload, now()).update();
    }
}
