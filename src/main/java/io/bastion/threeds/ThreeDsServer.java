package io.bastion.threeds;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The 3DS Server (merchant side): builds the AReq for a purchase, sends it through the Directory Server
 * and reads the answer; receives the RReq that ends a challenge, keeps its result for the merchant side
 * ({@link #result}) and acknowledges it with an RRes.
 */
@Service
public final class ThreeDsServer {

    private final DirectoryServer directory;
    private final JdbcClient jdbc;
    private final Clock clock;

    ThreeDsServer(DirectoryServer directory, JdbcClient jdbc, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The final result an RReq delivered for this 3DS Server transaction, once it has arrived. */
    public Optional<ChallengeResult> result(String threeDSServerTransID) {
        return jdbc.sql("""
                select server_trans_id, ds_trans_id, acs_trans_id, trans_status, trans_status_reason, eci,
                       authentication_value, challenge_cancel, received_at
                from threeds_server_result where server_trans_id = :id""")
                .param("id", threeDSServerTransID)
                .query((rs, n) -> new ChallengeResult(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** A purchase to authenticate: the card as a vault token, the amount in minor units, numeric currency. */
    public record Purchase(AccountToken card, long amount, String currency, int exponent, String merchantId,
            String merchantName, String mcc, String merchantCountry, String deviceId, String notificationUrl) {
        public Purchase {
            Objects.requireNonNull(card, "card");
            if (amount < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
        }
    }

    /** Sends an AReq for the purchase and answers the ARes, or the Erro that refused it. */
    public ParseResult<ARes> authenticate(Purchase purchase) {
        AReq areq = new AReq("AReq", ThreeDsMessage.VERSION, UUID.randomUUID().toString(), null, "02", "01",
                purchase.card().value(), Long.toString(purchase.amount()), purchase.currency(),
                Integer.toString(purchase.exponent()), purchase.merchantName(), purchase.merchantId(), purchase.mcc(),
                purchase.merchantCountry(), purchase.deviceId(), purchase.notificationUrl());
        String answer = directory.authenticate(ThreeDsMessages.write(areq));
        ParseResult<ARes> ares = ThreeDsMessages.parse(answer, ARes.class);
        if (ares instanceof ParseResult.Valid<ARes>) {
            return ares;
        }
        ParseResult<Erro> erro = ThreeDsMessages.parse(answer, Erro.class);
        return erro instanceof ParseResult.Valid<Erro>(Erro error) ? new ParseResult.Refused<>(error) : ares;
    }

    /** Receives an RReq document and acknowledges it (resultsStatus 01), or answers an Erro document. */
    String results(String rreqJson) {
        ParseResult<RReq> parsed = ThreeDsMessages.parse(rreqJson, RReq.class);
        if (parsed instanceof ParseResult.Refused<RReq>(Erro error)) {
            return ThreeDsMessages.write(error);
        }
        RReq rreq = ((ParseResult.Valid<RReq>) parsed).message();
        // The first result for a transaction counts; a repeated RReq is acknowledged without changing it.
        jdbc.sql("""
                insert into threeds_server_result (server_trans_id, ds_trans_id, acs_trans_id, trans_status,
                    trans_status_reason, eci, authentication_value, challenge_cancel, received_at)
                values (:server, :ds, :acs, :status, :reason, :eci, :value, :cancel, :now)
                on conflict do nothing""")
                .param("server", rreq.threeDSServerTransID()).param("ds", rreq.dsTransID())
                .param("acs", rreq.acsTransID()).param("status", rreq.transStatus())
                .param("reason", rreq.transStatusReason()).param("eci", rreq.eci())
                .param("value", rreq.authenticationValue()).param("cancel", rreq.challengeCancel())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return ThreeDsMessages.write(new RRes("RRes", ThreeDsMessage.VERSION, rreq.threeDSServerTransID(),
                rreq.dsTransID(), rreq.acsTransID(), "01"));
    }
}
