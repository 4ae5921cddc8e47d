package io.bastion.threeds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ACS side of a challenge: reads CReq documents, checks the one-time code (single-use, limited in time
 * and attempts), resends within a limit without resetting attempts, cancels, times out idle challenges,
 * and reports each final outcome by RReq through the Directory Server.
 */
@Service
public final class ThreeDsChallenges {

    private final ThreeDsTransactions transactions;
    private final AccessControlServer acs;
    private final AuthenticationValues values;
    private final DirectoryServer directory;
    private final AcsRules rules;
    private final TransactionTemplate tx;
    private final Clock clock;

    ThreeDsChallenges(ThreeDsTransactions transactions, AccessControlServer acs, AuthenticationValues values,
            DirectoryServer directory, AcsRules rules, TransactionTemplate tx, Clock clock) {
        this.tx = Objects.requireNonNull(tx, "tx");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.acs = Objects.requireNonNull(acs, "acs");
        this.values = Objects.requireNonNull(values, "values");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The page data of a challenge, if the ACS knows the transaction. */
    public Optional<ChallengeView> view(String acsTransID) {
        return tx.execute(status -> viewNow(acsTransID));
    }

    private Optional<ChallengeView> viewNow(String acsTransID) {
        expireIfIdle(acsTransID);
        return transactions.find(acsTransID).map(t -> {
            boolean pending = t.status() == ThreeDsStatus.CHALLENGE_PENDING;
            String cres = pending ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ThreeDsMessages.write(done(t, t.transStatus()).cres()).getBytes(StandardCharsets.UTF_8));
            return new ChallengeView(t.acsTransID(), t.serverTransID(), t.merchantName(), t.amount(), t.currency(),
                    t.phoneLastDigits(), pending, t.transStatus(), t.notificationUrl(), cres);
        });
    }

    /** Handles one CReq document from the cardholder's browser. */
    public ChallengeOutcome respond(String creqJson) {
        return tx.execute(status -> respondNow(creqJson));
    }

    private ChallengeOutcome respondNow(String creqJson) {
        ParseResult<CReq> parsed = ThreeDsMessages.parse(creqJson, CReq.class);
        if (parsed instanceof ParseResult.Refused<CReq>(Erro error)) {
            return new ChallengeOutcome(null, error, ChallengeOutcome.Prompt.REFUSED, 0);
        }
        CReq creq = ((ParseResult.Valid<CReq>) parsed).message();
        expireIfIdle(creq.acsTransID());
        Optional<AcsTransaction> found = transactions.find(creq.acsTransID());
        if (found.isEmpty() || !found.get().serverTransID().equals(creq.threeDSServerTransID())) {
            return new ChallengeOutcome(null, Erro.of(Erro.TRANSACTION_DATA_INVALID, 'A',
                    "Transaction ID Not Recognised", "acsTransID", "CReq"), ChallengeOutcome.Prompt.REFUSED, 0);
        }
        AcsTransaction t = found.get();
        if (t.status() != ThreeDsStatus.CHALLENGE_PENDING) {
            return done(t, t.transStatus());
        }
        Instant now = clock.instant();
        if ("01".equals(creq.challengeCancel())) {
            return end(t, ThreeDsStatus.CANCELED, "N", null, "01", now);
        }
        if ("Y".equals(creq.resendChallenge())) {
            return resend(t, now);
        }
        if (creq.challengeDataEntry() == null) {
            return pending(t, ChallengeOutcome.Prompt.ENTER_CODE, t.attempts());
        }
        return check(t, creq.challengeDataEntry(), now);
    }

    private ChallengeOutcome check(AcsTransaction t, ChallengeEntry entry, Instant now) {
        boolean expired = t.otpExpiresAt() == null || !now.isBefore(t.otpExpiresAt());
        boolean matches = !expired && MessageDigest.isEqual(t.otpHash(), acs.otpHash(t.acsTransID(), entry.value()));
        if (matches) {
            transactions.rememberDevice(acs.cardKey(t), t.deviceId() == null ? "" : t.deviceId(), t.merchantId(), now);
            return end(t, ThreeDsStatus.AUTHENTICATED, "Y", null, null, now);
        }
        int attempts = t.attempts() + 1;
        if (attempts >= rules.otpAttemptsMax()) {
            return end(t, ThreeDsStatus.FAILED, "N", AccessControlServer.REASON_AUTHENTICATION_FAILED, null, now);
        }
        transactions.recordChallengeActivity(t.acsTransID(), attempts, t.resends(), t.otpHash(), t.otpExpiresAt(), now);
        return pending(t, expired ? ChallengeOutcome.Prompt.CODE_EXPIRED : ChallengeOutcome.Prompt.WRONG_CODE, attempts);
    }

    private ChallengeOutcome resend(AcsTransaction t, Instant now) {
        if (t.resends() >= rules.otpResendsMax()) {
            return pending(t, ChallengeOutcome.Prompt.RESENDS_EXHAUSTED, t.attempts());
        }
        String otp = AccessControlServer.newOtp();
        // The attempt count carries over: a resend buys a fresh code, never fresh guesses.
        transactions.recordChallengeActivity(t.acsTransID(), t.attempts(), t.resends() + 1,
                acs.otpHash(t.acsTransID(), otp), now.plus(rules.otpValidity()), now);
        acs.resendTo(t, otp);
        return pending(t, ChallengeOutcome.Prompt.CODE_RESENT, t.attempts());
    }

    /** Times out every challenge idle longer than the rule allows; returns how many ended. */
    public int expireIdleChallenges() {
        int ended = 0;
        for (String id : transactions.idleChallenges(clock.instant().minus(rules.challengeIdleMax()))) {
            ended += Boolean.TRUE.equals(tx.execute(status -> expireIfIdle(id))) ? 1 : 0;
        }
        return ended;
    }

    private boolean expireIfIdle(String acsTransID) {
        Optional<AcsTransaction> found = transactions.find(acsTransID);
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().status() != ThreeDsStatus.CHALLENGE_PENDING
                || now.isBefore(found.get().lastActivityAt().plus(rules.challengeIdleMax()))) {
            return false;
        }
        end(found.get(), ThreeDsStatus.TIMED_OUT, "N", AccessControlServer.REASON_TIMED_OUT, "04", now);
        return true;
    }

    private ChallengeOutcome end(AcsTransaction t, ThreeDsStatus next, String transStatus, String reason,
            String cancel, Instant now) {
        boolean authenticated = "Y".equals(transStatus);
        String eci = authenticated ? AccessControlServer.ECI_AUTHENTICATED : AccessControlServer.ECI_NOT_AUTHENTICATED;
        String value = authenticated
                ? values.issue(t.cardToken(), t.amount(), t.currency(), t.merchantId(), t.dsTransID()) : null;
        transactions.finish(t, next, transStatus, reason, eci, cancel, now);
        RReq rreq = new RReq("RReq", ThreeDsMessage.VERSION, t.serverTransID(), t.dsTransID(), t.acsTransID(), "01",
                transStatus, reason, eci, value, cancel, String.format("%02d", Math.min(99, t.attempts() + 1)));
        ParseResult<RRes> rres = ThreeDsMessages.parse(directory.results(ThreeDsMessages.write(rreq)), RRes.class);
        transactions.recordResults(t.acsTransID(), transStatus,
                rres instanceof ParseResult.Valid<RRes>(RRes ok) ? ok.resultsStatus() : "Erro", value);
        return done(t, transStatus);
    }

    private static ChallengeOutcome done(AcsTransaction t, String transStatus) {
        return new ChallengeOutcome(new CRes("CRes", ThreeDsMessage.VERSION, t.serverTransID(), t.acsTransID(), "Y",
                transStatus), null, ChallengeOutcome.Prompt.DONE, 0);
    }

    private ChallengeOutcome pending(AcsTransaction t, ChallengeOutcome.Prompt prompt, int attempts) {
        return new ChallengeOutcome(new CRes("CRes", ThreeDsMessage.VERSION, t.serverTransID(), t.acsTransID(), "N",
                null), null, prompt, rules.otpAttemptsMax() - attempts);
    }
}
