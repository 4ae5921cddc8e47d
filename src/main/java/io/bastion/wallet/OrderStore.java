package io.bastion.wallet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Orders to send money, and their single claim for execution. */
@Component
final class OrderStore {

    private static final String COLUMNS = """
            id, user_id, kind, wallet_id, payee_wallet_id, creditor_iban, payee_label, amount_minor, fee_minor, currency,
            reference, confirmation_required, status, rejection, created_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    OrderStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void insert(WalletOrder o) {
        jdbc.sql("""
                INSERT INTO wallet_order (id, user_id, kind, wallet_id, payee_wallet_id, creditor_iban, payee_label,
                    amount_minor, fee_minor, currency, reference, confirmation_required, status, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'awaiting', ?)""")
                .params(o.id(), o.userId(), o.kind(), o.walletId(), o.payeeWalletId(), o.creditorIban(), o.payeeLabel(),
                        o.amountMinor(), o.feeMinor(), o.currency(), o.reference(), o.confirmationRequired(),
                        WalletStore.utc(o.createdAt())).update();
    }

    Optional<WalletOrder> owned(String userId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_order WHERE id = ? AND user_id = ?").params(id, userId)
                .query(OrderStore::map).optional();
    }

    /** Moves an awaiting order to executing; only one caller ever wins, so an order runs at most once. */
    boolean claim(String userId, String id) {
        return jdbc.sql("UPDATE wallet_order SET status = 'executing', claimed_at = ? WHERE id = ? AND user_id = ? AND status = 'awaiting'")
                .params(WalletStore.utc(clock.instant()), id, userId).update() == 1;
    }

    /** Orders claimed before a moment and still executing: their executor stopped midway. */
    java.util.List<WalletOrder> executingSince(java.time.Instant before, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_order WHERE status = 'executing' AND claimed_at < ? ORDER BY claimed_at LIMIT ?")
                .params(WalletStore.utc(before), limit).query(OrderStore::map).list();
    }

    void finish(String id, WalletRejection rejection) {
        jdbc.sql("UPDATE wallet_order SET status = ?, rejection = ?, executed_at = ? WHERE id = ? AND status = 'executing'")
                .params(rejection == null ? "done" : "failed", rejection == null ? null : rejection.name(),
                        WalletStore.utc(clock.instant()), id).update();
    }

    private static WalletOrder map(ResultSet rs, int row) throws SQLException {
        return new WalletOrder(rs.getString("id"), rs.getString("user_id"), rs.getString("kind"), rs.getString("wallet_id"),
                rs.getString("payee_wallet_id"), rs.getString("creditor_iban"), rs.getString("payee_label"),
                rs.getLong("amount_minor"), rs.getLong("fee_minor"), rs.getString("currency").trim(), rs.getString("reference"),
                rs.getBoolean("confirmation_required"), rs.getString("status"), rs.getString("rejection"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
