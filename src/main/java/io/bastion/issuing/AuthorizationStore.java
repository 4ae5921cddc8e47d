package io.bastion.issuing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The issuing_authorization rows; status changes are conditional UPDATEs that follow {@link AuthorizationStatus}. */
@Component
final class AuthorizationStore {

    static final int CARD_AUTHORIZATIONS_PAGE_MAX = 50;

    private final JdbcClient jdbc;

    AuthorizationStore(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /** Inserts the authorization; false when one with its id exists already. */
    boolean insert(Authorization a) {
        return jdbc.sql("""
                INSERT INTO issuing_authorization (id, card_id, masked, status, decline_reason, amount_minor, currency,
                    merchant_name, merchant_country, mcc, online, hold_transfer_id, spend_day, captured_minor, created_at,
                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(a.id(), a.cardId(), a.masked(), a.status().name(),
                        a.declineReason() == null ? null : a.declineReason().name(), a.amountMinor(), a.currency(),
                        a.merchantName(), a.merchantCountry(), a.mcc(), a.online(), a.holdTransferId(), a.spendDay(),
                        a.capturedMinor(), CardStore.utc(a.createdAt()), CardStore.utc(a.createdAt()))
                .update() == 1;
    }

    Optional<Authorization> byId(String id) {
        return jdbc.sql("SELECT * FROM issuing_authorization WHERE id = ?").param(id).query(AuthorizationStore::map).optional();
    }

    List<Authorization> ofCard(String cardId) {
        return jdbc.sql("SELECT * FROM issuing_authorization WHERE card_id = ? ORDER BY created_at DESC, id LIMIT ?")
                .params(cardId, CARD_AUTHORIZATIONS_PAGE_MAX).query(AuthorizationStore::map).list();
    }

    /** Concludes a pending authorization as approved (with its hold) or declined (with the reason). */
    void conclude(String id, AuthorizationStatus to, DeclineReason reason, String holdTransferId, Instant at) {
        if (!AuthorizationStatus.PENDING.mayBecome(to)) {
            throw new IllegalStateException("a pending authorization may not become " + to);
        }
        jdbc.sql("""
                UPDATE issuing_authorization SET status = ?, decline_reason = ?, hold_transfer_id = ?, updated_at = ?
                WHERE id = ? AND status = 'PENDING'""")
                .params(to.name(), reason == null ? null : reason.name(), holdTransferId, CardStore.utc(at), id).update();
    }

    /** Moves an approved authorization on; false when another caller moved it first. */
    boolean settle(String id, AuthorizationStatus to, long capturedMinor, Instant at) {
        if (!AuthorizationStatus.APPROVED.mayBecome(to)) {
            throw new IllegalStateException("an approved authorization may not become " + to);
        }
        return jdbc.sql("""
                UPDATE issuing_authorization SET status = ?, captured_minor = ?, updated_at = ?
                WHERE id = ? AND status = 'APPROVED'""")
                .params(to.name(), capturedMinor, CardStore.utc(at), id).update() == 1;
    }

    /** Approved authorizations whose hold has timed out by now, at most {@code limit}. */
    List<Authorization> overdue(Instant holdsCreatedBefore, int limit) {
        return jdbc.sql("SELECT * FROM issuing_authorization WHERE status = 'APPROVED' AND created_at < ? ORDER BY created_at LIMIT ?")
                .params(CardStore.utc(holdsCreatedBefore), limit).query(AuthorizationStore::map).list();
    }

    private static Authorization map(ResultSet rs, int n) throws SQLException {
        String reason = rs.getString("decline_reason");
        return new Authorization(rs.getString("id"), rs.getString("card_id"), rs.getString("masked"),
                AuthorizationStatus.valueOf(rs.getString("status")), reason == null ? null : DeclineReason.valueOf(reason),
                rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("merchant_name"),
                rs.getString("merchant_country"), rs.getString("mcc"), rs.getBoolean("online"),
                rs.getString("hold_transfer_id"), rs.getObject("spend_day", LocalDate.class), rs.getLong("captured_minor"),
                rs.getTimestamp("created_at").toInstant());
    }
}
