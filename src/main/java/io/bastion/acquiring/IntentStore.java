package io.bastion.acquiring;

import io.bastion.shared.DeferredCommit;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The payment intent and refund tables; every status change is conditional on the transition table. */
@Component
final class IntentStore {

    private static final String COLUMNS = """
            id, merchant_id, amount, currency, description, merchant_reference, capture_method, customer_email,
            return_url, status, payment_method, card_last4, amount_captured, amount_refunded, fee_amount,
            decline_reason, outcome_unknown, created_at, updated_at, card_brand, checkout_id, setup_future_usage,
            three_ds_status, three_ds_flow, eci, liability_shift, three_ds_server_trans_id, ds_trans_id, acs_trans_id""";

    private final JdbcClient jdbc;
    private final Clock clock;

    IntentStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A change that comes with a status move; null fields stay as they are. */
    record Change(String networkReference, String declineReason, Long amountCaptured, Long fee, Boolean outcomeUnknown,
                  ThreeDsOutcome threeDs) {
        static final Change NONE = new Change(null, null, null, null, null);

        Change(String networkReference, String declineReason, Long amountCaptured, Long fee, Boolean outcomeUnknown) {
            this(networkReference, declineReason, amountCaptured, fee, outcomeUnknown, null);
        }
    }

    OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    PaymentIntent insert(String merchantId, NewPaymentIntent n) {
        String id = Ids.next("pi");
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO acquiring_payment_intent (id, merchant_id, amount, currency, description, merchant_reference,
                    capture_method, customer_email, return_url, status, created_at, updated_at, checkout_id,
                    setup_future_usage)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'requires_payment_method', ?, ?, ?, ?)""")
                .params(id, merchantId, n.amount(), n.currency(), n.description(), n.merchantReference(),
                        n.captureMethod().name().toLowerCase(Locale.ROOT), n.customerEmail(), n.returnUrl(), now, now,
                        Ids.next("cs"), n.offerToSaveCard() ? "off_session" : null)
                .update();
        return byId(id).orElseThrow();
    }

    Optional<PaymentIntent> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acquiring_payment_intent WHERE id = ?").param(id)
                .query(IntentStore::intent).optional();
    }

    Optional<PaymentIntent> find(String merchantId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acquiring_payment_intent WHERE id = ? AND merchant_id = ?")
                .params(id, merchantId).query(IntentStore::intent).optional();
    }

    /** The intent a hosted payment page serves, by the page's unguessable checkout id. */
    Optional<PaymentIntent> byCheckout(String checkoutId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acquiring_payment_intent WHERE checkout_id = ?").param(checkoutId)
                .query(IntentStore::intent).optional();
    }

    /** The vault token of the card a confirmed intent is paid with. */
    Optional<String> cardToken(String id) {
        return jdbc.sql("SELECT card_token FROM acquiring_payment_intent WHERE id = ?").param(id)
                .query(String.class).optional();
    }

    /** Records what 3-D Secure said, without changing the status. */
    void recordThreeDs(String id, ThreeDsOutcome t) {
        threeDs(jdbc.sql("UPDATE acquiring_payment_intent SET " + THREE_DS_COLUMNS + ", updated_at = :now WHERE id = :id"), t)
                .param("now", now()).param("id", id).update();
    }

    /**
     * The 3-D Secure columns of an update, bound by {@link #threeDs}: with an outcome they take it (the ids only
     * when it has them, as they stay as first recorded); without one (:threeDs false) they stay as they are.
     */
    private static final String THREE_DS_COLUMNS = """
            three_ds_status = CASE WHEN :threeDs THEN :transStatus ELSE three_ds_status END,
            three_ds_flow = CASE WHEN :threeDs THEN :flow ELSE three_ds_flow END,
            eci = CASE WHEN :threeDs THEN :eci ELSE eci END,
            liability_shift = CASE WHEN :threeDs THEN :shift ELSE liability_shift END,
            three_ds_server_trans_id = COALESCE(:serverTransID, three_ds_server_trans_id),
            ds_trans_id = COALESCE(:dsTransID, ds_trans_id),
            acs_trans_id = COALESCE(:acsTransID, acs_trans_id)""";

    /** Binds {@link #THREE_DS_COLUMNS} to an outcome, or to none when {@code t} is null. */
    private static JdbcClient.StatementSpec threeDs(JdbcClient.StatementSpec statement, ThreeDsOutcome t) {
        return statement.param("threeDs", t != null)
                .param("transStatus", t == null ? null : t.transStatus())
                .param("flow", t == null ? null : t.flow())
                .param("eci", t == null ? null : t.eci())
                .param("shift", t != null && t.liabilityShift())
                .param("serverTransID", t == null ? null : t.threeDSServerTransID())
                .param("dsTransID", t == null ? null : t.dsTransID())
                .param("acsTransID", t == null ? null : t.acsTransID());
    }

    /** Intents waiting for a 3-D Secure challenge since before {@code before}, oldest first. */
    List<String> challengedSince(Instant before, int limit) {
        return jdbc.sql("""
                SELECT id FROM acquiring_payment_intent
                WHERE status = 'requires_action' AND three_ds_server_trans_id IS NOT NULL AND updated_at < ?
                ORDER BY updated_at LIMIT ?""")
                .params(utc(before), limit).query(String.class).list();
    }

    /** The connector a confirmed intent was sent to. */
    Optional<String> connector(String id) {
        return jdbc.sql("SELECT connector FROM acquiring_payment_intent WHERE id = ?").param(id)
                .query(String.class).optional();
    }

    IntentPage list(String merchantId, IntentFilter f) {
        List<PaymentIntent> rows = jdbc.sql("SELECT " + COLUMNS + """
                 FROM acquiring_payment_intent i
                WHERE merchant_id = :merchant
                  AND (CAST(:status AS text) IS NULL OR status = :status)
                  AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
                  AND (CAST(:before AS timestamptz) IS NULL OR created_at < :before)
                  AND (CAST(:after AS text) IS NULL OR (created_at, id) < (
                       SELECT c.created_at, c.id FROM acquiring_payment_intent c
                        WHERE c.id = :after AND c.merchant_id = :merchant))
                ORDER BY created_at DESC, id DESC LIMIT :limit""")
                .param("merchant", merchantId)
                .param("status", f.status() == null ? null : f.status().wire())
                .param("from", utc(f.createdFrom()))
                .param("before", utc(f.createdBefore()))
                .param("after", f.startingAfter())
                .param("limit", f.limit() + 1)
                .query(IntentStore::intent).list();
        boolean more = rows.size() > f.limit();
        return new IntentPage(more ? rows.subList(0, f.limit()) : rows, more);
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * Moves a new intent to processing with its card (vault token, brand, last four digits) and connector,
     * marked unknown until the network answers; false when the intent is no longer waiting for a card. The
     * commit is deferred ({@link DeferredCommit}): the payment's next synchronous commit, which comes before
     * the card reaches a network or a phone, makes it durable.
     */
    boolean startConfirm(String id, String paymentMethod, String cardToken, String brand, String last4,
                         String connector) {
        return claimed(jdbc.sql("UPDATE acquiring_payment_intent SET " + CLAIMED_COLUMNS + ", payment_method = :method"
                        + " WHERE id = :id AND " + CLAIMABLE), cardToken, brand, last4, connector)
                .param("method", paymentMethod).param("id", id).update() == 1;
    }

    /**
     * As {@link #startConfirm} for the intent behind a hosted payment page, found by the page's checkout id, while
     * the page is open (created after {@code createdAfter}); answers the intent as claimed, empty when there is no
     * such intent waiting for a card. One statement finds and claims it, so two presses of Pay cannot both pay.
     */
    Optional<PaymentIntent> claimCheckout(String checkoutId, Instant createdAfter, String cardToken, String brand,
                                          String last4, String connector) {
        return claimed(jdbc.sql("UPDATE acquiring_payment_intent SET " + CLAIMED_COLUMNS
                        + " WHERE checkout_id = :checkout AND created_at > :after AND " + CLAIMABLE + " RETURNING " + COLUMNS),
                cardToken, brand, last4, connector)
                .param("checkout", checkoutId).param("after", utc(createdAfter))
                .query(IntentStore::intent).optional();
    }

    /** What claiming an intent for a card sets, bound by {@link #claimed}. */
    private static final String CLAIMED_COLUMNS = """
            status = 'processing', card_token = :token, card_brand = :brand, card_last4 = :last4,
            connector = :connector, outcome_unknown = true, updated_at = :now""";

    /** An intent that may be claimed: still waiting for a card. The claim's commit is deferred (see startConfirm). */
    private static final String CLAIMABLE = "status = 'requires_payment_method' AND " + DeferredCommit.CONDITION;

    private JdbcClient.StatementSpec claimed(JdbcClient.StatementSpec statement, String cardToken, String brand,
                                             String last4, String connector) {
        return statement.param("token", cardToken).param("brand", brand).param("last4", last4)
                .param("connector", connector).param("now", now());
    }

    /** Moves the intent to {@code next} if the transition table allows it from where it stands now. */
    boolean move(String id, PaymentStatus next, Change change) {
        return moved(id, next, change).isPresent();
    }

    /** As {@link #move}, answering the intent as the move left it; empty when it did not move. */
    Optional<PaymentIntent> moved(String id, PaymentStatus next, Change change) {
        return threeDs(jdbc.sql("""
                UPDATE acquiring_payment_intent SET status = :next,
                    network_reference = COALESCE(:reference, network_reference),
                    decline_reason = COALESCE(:reason, decline_reason),
                    amount_captured = COALESCE(:captured, amount_captured),
                    fee_amount = COALESCE(:fee, fee_amount),
                    outcome_unknown = COALESCE(:unknown, outcome_unknown),
                    updated_at = :now,
                """ + THREE_DS_COLUMNS + "\nWHERE id = :id AND status = ANY(string_to_array(:sources, ','))\nRETURNING "
                + COLUMNS), change.threeDs())
                .param("next", next.wire()).param("reference", change.networkReference())
                .param("reason", change.declineReason()).param("captured", change.amountCaptured())
                .param("fee", change.fee()).param("unknown", change.outcomeUnknown())
                .param("now", now()).param("id", id).param("sources", String.join(",", PaymentStatus.sourcesOf(next)))
                .query(IntentStore::intent).optional();
    }

    /** Intents whose network outcome is unknown and unchanged since before {@code before}, oldest first. */
    List<String> unknownSince(Instant before, int limit) {
        return jdbc.sql("""
                SELECT id FROM acquiring_payment_intent
                WHERE outcome_unknown AND status = 'processing' AND updated_at < ?
                ORDER BY updated_at LIMIT ?""")
                .params(utc(before), limit).query(String.class).list();
    }

    /**
     * Reserves a refund against the captured amount in one conditional update, so concurrent refunds can
     * never together exceed it; false when the amount does not fit.
     */
    boolean reserveRefund(String merchantId, String intentId, long amount) {
        return jdbc.sql("""
                UPDATE acquiring_payment_intent SET amount_refunded = amount_refunded + ?, updated_at = ?
                WHERE id = ? AND merchant_id = ? AND status = 'succeeded' AND amount_refunded + ? <= amount_captured""")
                .params(amount, now(), intentId, merchantId, amount).update() == 1;
    }

    void releaseRefund(String intentId, long amount) {
        jdbc.sql("UPDATE acquiring_payment_intent SET amount_refunded = amount_refunded - ? WHERE id = ?")
                .params(amount, intentId).update();
    }

    Refund insertRefund(String id, PaymentIntent intent, long amount, String status, String reason) {
        OffsetDateTime now = now();
        jdbc.sql("""
                INSERT INTO acquiring_refund (id, payment_intent_id, merchant_id, amount, currency, status, reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, intent.id(), intent.merchantId(), amount, intent.currency(), status, reason, now).update();
        return new Refund(id, intent.id(), intent.merchantId(), amount, intent.currency(), status, reason, now.toInstant());
    }

    Optional<Refund> refund(String merchantId, String id) {
        return jdbc.sql("""
                SELECT id, payment_intent_id, merchant_id, amount, currency, status, reason, created_at
                FROM acquiring_refund WHERE id = ? AND merchant_id = ?""")
                .params(id, merchantId)
                .query((rs, n) -> new Refund(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .optional();
    }

    /** The merchant-visible events of one intent (refunds included), oldest first. */
    List<PaymentIntents.TimelineEntry> events(String merchantId, String intentId, int limit) {
        return jdbc.sql("""
                SELECT id, type, created_at, payload::jsonb #>> '{data,refund,id}', payload::jsonb #>> '{data,refund,amount}'
                FROM acquiring_event WHERE merchant_id = ? AND payload::jsonb #>> '{data,id}' = ?
                ORDER BY created_at, id LIMIT ?""")
                .params(merchantId, intentId, limit)
                .query((rs, n) -> new PaymentIntents.TimelineEntry(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5) == null ? null : Long.valueOf(rs.getString(5))))
                .list();
    }

    /** The refunds of one of the merchant's intents, oldest first. */
    List<Refund> refunds(String merchantId, String intentId, int limit) {
        return jdbc.sql("""
                SELECT id, payment_intent_id, merchant_id, amount, currency, status, reason, created_at
                FROM acquiring_refund WHERE payment_intent_id = ? AND merchant_id = ? ORDER BY created_at, id LIMIT ?""")
                .params(intentId, merchantId, limit)
                .query((rs, n) -> new Refund(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** The platform fees the merchant has paid, per currency. */
    java.util.Map<String, Long> feesByCurrency(String merchantId) {
        java.util.Map<String, Long> fees = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT currency, coalesce(sum(fee_amount), 0) FROM acquiring_payment_intent
                WHERE merchant_id = ? AND fee_amount > 0 GROUP BY currency""")
                .param(merchantId).query(rs -> {
                    fees.put(rs.getString(1), rs.getLong(2));
                });
        return fees;
    }

    /** Records a requested payout unless one with this id exists; false when it already did. */
    boolean insertPayout(String id, String merchantId, long amount, String currency, String requestedBy) {
        OffsetDateTime now = now();
        return jdbc.sql("""
                INSERT INTO acquiring_payout (id, merchant_id, amount, currency, status, requested_by, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'requested', ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(id, merchantId, amount, currency, requestedBy, now, now).update() == 1;
    }

    /** Moves a payout to {@code next} (failed with the reason) if the transition table allows it from where it stands. */
    boolean settlePayout(String id, PaymentIntents.PayoutStatus next, String failureReason) {
        return jdbc.sql("""
                UPDATE acquiring_payout SET status = ?, failure_reason = ?, updated_at = ?
                WHERE id = ? AND status = ANY(?::text[])""")
                .params(next.wire(), failureReason, now(), id, PaymentIntents.PayoutStatus.sourcesOf(next)).update() == 1;
    }

    /** A payout still at "requested", by its id and merchant. */
    record RequestedPayout(String id, String merchantId) {
    }

    /** Payouts still at "requested" and unchanged since before {@code before}, oldest first. */
    List<RequestedPayout> requestedPayoutsSince(Instant before, int limit) {
        return jdbc.sql("""
                SELECT id, merchant_id FROM acquiring_payout
                WHERE status = 'requested' AND updated_at < ? ORDER BY updated_at LIMIT ?""")
                .params(utc(before), limit)
                .query((rs, n) -> new RequestedPayout(rs.getString(1), rs.getString(2)))
                .list();
    }

    Optional<PaymentIntents.Payout> payout(String merchantId, String id) {
        return jdbc.sql("""
                SELECT id, currency, amount, status, failure_reason, created_at FROM acquiring_payout
                WHERE id = ? AND merchant_id = ?""")
                .params(id, merchantId).query(IntentStore::payout).optional();
    }

    List<PaymentIntents.Payout> payouts(String merchantId, int limit) {
        return jdbc.sql("""
                SELECT id, currency, amount, status, failure_reason, created_at FROM acquiring_payout
                WHERE merchant_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(merchantId, limit).query(IntentStore::payout).list();
    }

    private static PaymentIntents.Payout payout(ResultSet rs, int n) throws SQLException {
        return new PaymentIntents.Payout(rs.getString(1), rs.getString(2), rs.getLong(3),
                PaymentIntents.PayoutStatus.ofWire(rs.getString(4)),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    private static PaymentIntent intent(ResultSet rs, int n) throws SQLException {
        return new PaymentIntent(rs.getString("id"), rs.getString("merchant_id"), rs.getLong("amount"),
                rs.getString("currency"), rs.getString("description"), rs.getString("merchant_reference"),
                CaptureMethod.valueOf(rs.getString("capture_method").toUpperCase(Locale.ROOT)),
                rs.getString("customer_email"), rs.getString("return_url"), PaymentStatus.ofWire(rs.getString("status")),
                rs.getString("payment_method"), rs.getString("card_last4"), rs.getLong("amount_captured"),
                rs.getLong("amount_refunded"), rs.getLong("fee_amount"), rs.getString("decline_reason"),
                rs.getBoolean("outcome_unknown"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")), rs.getString("card_brand"), rs.getString("checkout_id"),
                rs.getString("setup_future_usage") != null, new ThreeDsOutcome(rs.getString("three_ds_status"),
                rs.getString("three_ds_flow"), rs.getString("eci"), rs.getBoolean("liability_shift"),
                rs.getString("three_ds_server_trans_id"), rs.getString("ds_trans_id"), rs.getString("acs_trans_id")));
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
