package io.bastion.issuing;

import io.bastion.shared.DeferredCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The issuing_authorization rows; status changes are conditional UPDATEs that follow {@link AuthorizationStatus}. */
@Component
final class AuthorizationStore {

    static final int CARD_AUTHORIZATIONS_PAGE_MAX = 50;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AuthorizationStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** What {@link #open} did: whether it inserted the authorization, and whether it reserved the day's spend. */
    record Opened(boolean inserted, boolean reserved) {
    }

    /**
     * Inserts the pending authorization and, when {@code reserve} and the insert happened, reserves its amount
     * against the card's daily spend up to {@code dailyLimitMinor}, in one statement: both or neither. Answers
     * what it did; nothing is inserted when an authorization with the id exists already.
     *
     * <p>The commit is deferred ({@link DeferredCommit}): the authorization's closing audit entry (synchronous), or
     * for on-us acquiring's last move, follows before anyone hears the answer.
     */
    Opened open(Authorization a, boolean reserve, long dailyLimitMinor) {
        return jdbc.sql("""
                WITH inserted AS (
                    INSERT INTO issuing_authorization (id, card_id, masked, status, decline_reason, amount_minor,
                        currency, merchant_name, merchant_country, mcc, online, hold_transfer_id, spend_day,
                        captured_minor, created_at, updated_at, three_ds_trans_status, three_ds_eci, three_ds_flow,
                        liability_shift)
                    SELECT :id, :card, :masked, :status, :reason, CAST(:amount AS bigint), :currency, :merchant,
                        :country, :mcc, CAST(:online AS boolean), :hold, CAST(:day AS date), CAST(:captured AS bigint),
                        CAST(:at AS timestamptz), CAST(:at AS timestamptz), :transStatus, :eci, :flow,
                        CAST(:shift AS boolean)
                    WHERE %s
                    ON CONFLICT (id) DO NOTHING
                    RETURNING card_id, spend_day, amount_minor),
                reserved AS (
                    INSERT INTO issuing_daily_spend (card_id, day, spent_minor)
                    SELECT card_id, spend_day, amount_minor FROM inserted WHERE CAST(:reserve AS boolean)
                    ON CONFLICT (card_id, day) DO UPDATE
                        SET spent_minor = issuing_daily_spend.spent_minor + excluded.spent_minor
                        WHERE issuing_daily_spend.spent_minor + excluded.spent_minor <= :limit
                    RETURNING 1)
                SELECT (SELECT count(*) FROM inserted) = 1, (SELECT count(*) FROM reserved) = 1""".formatted(
                DeferredCommit.CONDITION))
                .param("id", a.id()).param("card", a.cardId()).param("masked", a.masked())
                .param("status", a.status().name())
                .param("reason", a.declineReason() == null ? null : a.declineReason().name())
                .param("amount", a.amountMinor()).param("currency", a.currency()).param("merchant", a.merchantName())
                .param("country", a.merchantCountry()).param("mcc", a.mcc()).param("online", a.online())
                .param("hold", a.holdTransferId()).param("day", a.spendDay()).param("captured", a.capturedMinor())
                .param("at", CardStore.utc(a.createdAt())).param("transStatus", a.threeDsTransStatus())
                .param("eci", a.eci()).param("flow", a.threeDsFlow()).param("shift", a.liabilityShift())
                .param("reserve", reserve).param("limit", dailyLimitMinor)
                .query((rs, n) -> new Opened(rs.getBoolean(1), rs.getBoolean(2))).single();
    }

    Optional<Authorization> byId(String id) {
        return jdbc.sql("SELECT * FROM issuing_authorization WHERE id = ?").param(id).query(AuthorizationStore::map).optional();
    }

    List<Authorization> ofCard(String cardId) {
        return jdbc.sql("SELECT * FROM issuing_authorization WHERE card_id = ? ORDER BY created_at DESC, id LIMIT ?")
                .params(cardId, CARD_AUTHORIZATIONS_PAGE_MAX).query(AuthorizationStore::map).list();
    }

    /**
     * One page of the authorizations on all of a customer's cards, newest first: at most {@code limit} from
     * {@code offset}. Scoped by the card's owner in the same statement, so no other customer's payment appears.
     */
    List<Authorization> ofUser(String userId, int offset, int limit) {
        return jdbc.sql("""
                SELECT a.* FROM issuing_authorization a JOIN issuing_card c ON c.id = a.card_id
                WHERE c.user_id = ? ORDER BY a.created_at DESC, a.id DESC OFFSET ? LIMIT ?""")
                .params(userId, offset, limit).query(AuthorizationStore::map).list();
    }

    /**
     * Concludes a pending authorization as approved (with its hold) or declined (with the reason); liability
     * shifts only with an approval. The commit is deferred ({@link DeferredCommit}): the authorization's audit
     * entry, committed synchronously right after (on-us: acquiring's last move), makes it durable before anyone
     * hears the answer.
     */
    void conclude(String id, AuthorizationStatus to, DeclineReason reason, String holdTransferId, boolean liabilityShift,
                  Instant at) {
        if (!AuthorizationStatus.PENDING.mayBecome(to)) {
            throw new IllegalStateException("a pending authorization may not become " + to);
        }
        jdbc.sql("""
                UPDATE issuing_authorization SET status = ?, decline_reason = ?, hold_transfer_id = ?, liability_shift = ?,
                    updated_at = ?
                WHERE id = ? AND status = 'PENDING' AND\s""" + DeferredCommit.CONDITION)
                .params(to.name(), reason == null ? null : reason.name(), holdTransferId,
                        liabilityShift && to == AuthorizationStatus.APPROVED, CardStore.utc(at), id).update();
    }

    /** The refund with this id, as (authorization id, amount), if it was made. */
    Optional<Refund> refund(String refundId) {
        return jdbc.sql("SELECT id, authorization_id, amount_minor FROM issuing_refund WHERE id = ?").param(refundId)
                .query((rs, n) -> new Refund(rs.getString(1), rs.getString(2), rs.getLong(3))).optional();
    }

    /**
     * Records a refund and raises the authorization's refunded amount in one transaction, unless that would
     * pass the captured amount or the refund id exists already; false when refused. The conditional UPDATE
     * takes the row lock, so concurrent refunds of one capture never add up past it.
     */
    boolean reserveRefund(Refund refund, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            int raised = jdbc.sql("""
                    UPDATE issuing_authorization SET refunded_minor = refunded_minor + ?, updated_at = ?
                    WHERE id = ? AND status = 'CAPTURED' AND refunded_minor + ? <= captured_minor""")
                    .params(refund.amountMinor(), CardStore.utc(at), refund.authorizationId(), refund.amountMinor()).update();
            int inserted = raised == 1 ? jdbc.sql("""
                    INSERT INTO issuing_refund (id, authorization_id, amount_minor, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO NOTHING""")
                    .params(refund.id(), refund.authorizationId(), refund.amountMinor(), CardStore.utc(at)).update() : 0;
            if (inserted != 1) {
                status.setRollbackOnly();
                return false;
            }
            return true;
        }));
    }

    /** Takes back a reserved refund the ledger refused, so its amount may be refunded again. */
    void cancelRefund(Refund refund, Instant at) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("DELETE FROM issuing_refund WHERE id = ?").param(refund.id()).update() == 1) {
                jdbc.sql("UPDATE issuing_authorization SET refunded_minor = refunded_minor - ?, updated_at = ? WHERE id = ?")
                        .params(refund.amountMinor(), CardStore.utc(at), refund.authorizationId()).update();
            }
        });
    }

    /** A refund of part or all of a captured authorization. */
    record Refund(String id, String authorizationId, long amountMinor) {
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
                rs.getTimestamp("created_at").toInstant(), rs.getString("three_ds_trans_status"), rs.getString("three_ds_eci"),
                rs.getString("three_ds_flow"), rs.getBoolean("liability_shift"), rs.getLong("refunded_minor"));
    }
}
