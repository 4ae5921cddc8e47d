package io.bastion.threeds;

import io.bastion.shared.DeferredCommit;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ACS's table of transactions; every status change is checked against {@link ThreeDsStatus}. */
@Component
final class ThreeDsTransactions {

    /** Idle challenges expired per job run; the next run takes the rest. */
    static final int EXPIRY_BATCH_MAX = 500;
    private final JdbcClient jdbc;

    ThreeDsTransactions(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * Stores a new transaction. {@code deferred} defers the commit ({@link DeferredCommit}) for an answer that
     * reaches nobody but the 3DS Server in Bastion's own flow, which commits synchronously before the payment
     * leaves; a challenge, whose code goes to a phone next, is committed synchronously.
     */
    void insert(AcsTransaction t, Instant now, boolean deferred) {
        jdbc.sql("""
                insert into threeds_transaction (acs_trans_id, ds_trans_id, server_trans_id, acs_name, card_token,
                    amount, currency, merchant_id, merchant_name, device_id, status, trans_status, trans_status_reason,
                    eci, challenge_cancel, phone_last_digits, otp_hash, otp_expires_at, attempts, resends,
                    last_activity_at, created_at, notification_url)
                select :acs, :ds, :server, :acsName, :token, cast(:amount as bigint), :currency, :merchant, :merchantName,
                    :device, :status, :transStatus, :reason, :eci, :cancel, :phone, cast(:otp as bytea),
                    cast(:otpExpires as timestamptz), 0, 0, cast(:now as timestamptz), cast(:now as timestamptz),
                    :notification
                where\s""" + (deferred ? DeferredCommit.CONDITION : "true"))
                .param("notification", t.notificationUrl())
                .param("acs", t.acsTransID()).param("ds", t.dsTransID()).param("server", t.serverTransID())
                .param("acsName", t.acsName()).param("token", t.cardToken()).param("amount", t.amount())
                .param("currency", t.currency()).param("merchant", t.merchantId())
                .param("merchantName", t.merchantName()).param("device", t.deviceId())
                .param("status", t.status().name()).param("transStatus", t.transStatus())
                .param("reason", t.transStatusReason()).param("eci", t.eci()).param("cancel", t.challengeCancel())
                .param("phone", t.phoneLastDigits()).param("otp", t.otpHash())
                .param("otpExpires", utc(t.otpExpiresAt())).param("now", utc(now))
                .update();
    }

    Optional<AcsTransaction> find(String acsTransID) {
        return jdbc.sql("select * from threeds_transaction where acs_trans_id = :id for update")
                .param("id", acsTransID)
                .query((rs, n) -> new AcsTransaction(rs.getString("acs_trans_id"), rs.getString("ds_trans_id"),
                        rs.getString("server_trans_id"), rs.getString("acs_name"), rs.getString("card_token"),
                        rs.getLong("amount"), rs.getString("currency"), rs.getString("merchant_id"),
                        rs.getString("merchant_name"), rs.getString("device_id"),
                        ThreeDsStatus.valueOf(rs.getString("status")), rs.getString("trans_status"),
                        rs.getString("trans_status_reason"), rs.getString("eci"), rs.getString("challenge_cancel"),
                        rs.getString("phone_last_digits"), rs.getBytes("otp_hash"),
                        instant(rs.getObject("otp_expires_at", OffsetDateTime.class)), rs.getInt("attempts"),
                        rs.getInt("resends"), instant(rs.getObject("last_activity_at", OffsetDateTime.class)),
                        rs.getString("notification_url")))
                .optional();
    }

    /** Records a wrong code or a resend (with its new code), which both count as activity. */
    void recordChallengeActivity(String acsTransID, int attempts, int resends, byte[] otpHash, Instant otpExpiresAt,
            Instant now) {
        jdbc.sql("""
                update threeds_transaction set attempts = :attempts, resends = :resends, otp_hash = :otp,
                    otp_expires_at = :expires, last_activity_at = :now
                where acs_trans_id = :id and status = 'CHALLENGE_PENDING'""")
                .param("attempts", attempts).param("resends", resends).param("otp", otpHash)
                .param("expires", utc(otpExpiresAt)).param("now", utc(now)).param("id", acsTransID)
                .update();
    }

    /** Ends a challenge; the code's hash is dropped so it can never be used again. */
    void finish(AcsTransaction t, ThreeDsStatus next, String transStatus, String reason, String eci, String cancel,
            Instant now) {
        if (!t.status().canMoveTo(next)) {
            throw new IllegalStateException("3DS transaction cannot move from " + t.status() + " to " + next);
        }
        jdbc.sql("""
                update threeds_transaction set status = :next, trans_status = :transStatus,
                    trans_status_reason = :reason, eci = :eci, challenge_cancel = :cancel, otp_hash = null,
                    otp_expires_at = null, last_activity_at = :now
                where acs_trans_id = :id and status = :current""")
                .param("next", next.name()).param("transStatus", transStatus).param("reason", reason)
                .param("eci", eci).param("cancel", cancel).param("now", utc(now)).param("id", t.acsTransID())
                .param("current", t.status().name())
                .update();
    }

    void recordResults(String acsTransID, String resultsTransStatus, String resultsStatus, String value) {
        jdbc.sql("""
                update threeds_transaction set results_trans_status = :transStatus, results_status = :results,
                    authentication_value = :value
                where acs_trans_id = :id""")
                .param("transStatus", resultsTransStatus).param("results", resultsStatus).param("value", value)
                .param("id", acsTransID)
                .update();
    }

    List<String> idleChallenges(Instant idleSince) {
        return jdbc.sql("""
                select acs_trans_id from threeds_transaction
                where status = 'CHALLENGE_PENDING' and last_activity_at <= :since
                order by last_activity_at limit :max""")
                .param("since", utc(idleSince)).param("max", EXPIRY_BATCH_MAX)
                .query(String.class).list();
    }

    boolean knownDevice(String cardToken, String deviceId, String merchantId) {
        return jdbc.sql("""
                select count(*) from threeds_known_device
                where card_token = :token and device_id = :device and merchant_id in (:merchant, '*')""")
                .param("token", cardToken).param("device", deviceId).param("merchant", merchantId)
                .query(Long.class).single() > 0;
    }

    void rememberDevice(String cardToken, String deviceId, String merchantId, Instant now) {
        jdbc.sql("""
                insert into threeds_known_device (card_token, device_id, merchant_id, first_seen)
                values (:token, :device, :merchant, :now) on conflict do nothing""")
                .param("token", cardToken).param("device", deviceId).param("merchant", merchantId)
                .param("now", utc(now))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
