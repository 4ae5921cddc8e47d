package io.bastion.threeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.keys.Keys;
import io.bastion.notification.DevInbox;
import io.bastion.notification.Notifications;
import io.bastion.testing.BastionTest;
import io.bastion.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class ThreeDsFlowTests {

    private static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");
    private static final String CHALLENGE_PHONE = "+15550100002";

    @Autowired ThreeDsServer server;
    @Autowired DirectoryServer directory;
    @Autowired ThreeDsChallenges challenges;
    @Autowired AuthenticationValues values;
    @Autowired ThreeDsTransactions transactions;
    @Autowired Notifications notifications;
    @Autowired Keys keys;
    @Autowired AcsRules rules;
    @Autowired DevInbox inbox;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void aCardOutsideEveryRangeIsRefusedByTheDirectoryServer() {
        ParseResult<ARes> result = server.authenticate(purchase("tok_unknowncard1", 1000, "dev_a"));
        Erro error = ((ParseResult.Refused<ARes>) result).error();
        assertThat(error.errorCode()).isEqualTo("305");
        assertThat(error.errorComponent()).isEqualTo("D");
    }

    @Test
    void aSmallPurchaseOnAKnownDeviceIsFrictionlessWithAValueThatVerifiesOnce() {
        String merchant = merchant();
        ARes ares = answer(purchase(TestNetworkCards.FRICTIONLESS, 2500, TestNetworkCards.KNOWN_DEVICE, merchant));
        assertThat(ares.transStatus()).isEqualTo("Y");
        assertThat(ares.eci()).isEqualTo("05");
        assertThat(ares.authenticationValue()).hasSize(28);
        String token = TestNetworkCards.FRICTIONLESS;
        String value = ares.authenticationValue();
        assertThat(values.verify(token, 2501, "978", merchant, ares.dsTransID(), value))
                .isEqualTo(AuthenticationValues.Verification.INVALID);
        assertThat(values.verify(token, 2500, "978", merchant, UUID.randomUUID().toString(), value))
                .isEqualTo(AuthenticationValues.Verification.INVALID);
        assertThat(values.verify(token, 2500, "978", merchant, ares.dsTransID(), null))
                .isEqualTo(AuthenticationValues.Verification.INVALID);
        assertThat(values.verify(token, 2500, "978", merchant, ares.dsTransID(), value))
                .isEqualTo(AuthenticationValues.Verification.VALID);
        assertThat(values.verify(token, 2500, "978", merchant, ares.dsTransID(), value))
                .isEqualTo(AuthenticationValues.Verification.ALREADY_USED);
    }

    @Test
    void aLargePurchaseOrAnUnknownDeviceIsChallenged() {
        ARes large = answer(purchase(TestNetworkCards.FRICTIONLESS, rules.frictionlessAmountMax() + 1,
                TestNetworkCards.KNOWN_DEVICE));
        assertThat(large.transStatus()).isEqualTo("C");
        assertThat(large.acsURL()).endsWith("/threeds/challenge/" + large.acsTransID());
        assertThat(answer(purchase(TestNetworkCards.CHALLENGE, 100, "dev_new")).transStatus()).isEqualTo("C");
    }

    @Test
    void aFrozenCardOrForbiddingControlsAreDenied() {
        ARes frozen = answer(purchase(TestNetworkCards.FROZEN, 100, "dev_a"));
        assertThat(frozen.transStatus()).isEqualTo("N");
        assertThat(frozen.transStatusReason()).isEqualTo("12");
        assertThat(frozen.eci()).isEqualTo("07");
        ARes controls = answer(purchase(TestNetworkCards.CHALLENGE, TestNetworkCards.CONTROLS_AMOUNT_MAX + 1, "dev_a"));
        assertThat(controls.transStatus()).isEqualTo("N");
    }

    @Test
    void theCodeFromTheSmsAuthenticatesAndTheDeviceIsKnownNextTime(CapturedOutput output) {
        String merchant = merchant();
        ARes ares = answer(purchase(TestNetworkCards.CHALLENGE, 1800, "dev_phone", merchant));
        String otp = latestOtp();
        ChallengeView view = challenges.view(ares.acsTransID()).orElseThrow();
        assertThat(view.merchantName()).isEqualTo("Corner Bakery");
        assertThat(view.amount()).isEqualTo(1800);
        assertThat(view.phoneLastDigits()).isEqualTo("0002");
        ChallengeOutcome outcome = challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + otp + "\""));
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.cres().transStatus()).isEqualTo("Y");
        Map<String, Object> row = row(ares.acsTransID());
        assertThat(row).containsEntry("status", "AUTHENTICATED").containsEntry("eci", "05")
                .containsEntry("results_status", "01").containsEntry("results_trans_status", "Y");
        assertThat(row.get("otp_hash")).isNull();
        assertThat(challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + otp + "\"")).cres().transStatus())
                .isEqualTo("Y");
        assertThat(answer(purchase(TestNetworkCards.CHALLENGE, 1800, "dev_phone", merchant)).transStatus())
                .isEqualTo("Y");
        assertThat(output.getAll()).doesNotContain(otp);
    }

    @Test
    void fiveWrongCodesFailTheChallengeAndAResendDoesNotResetTheCount() {
        ARes ares = answer(purchase(TestNetworkCards.CHALLENGE, 1800, "dev_b"));
        String first = latestOtp();
        String wrong = first.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 3; i++) {
            assertThat(challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + wrong + "\"")).prompt())
                    .isEqualTo(ChallengeOutcome.Prompt.WRONG_CODE);
        }
        ChallengeOutcome resent = challenges.respond(creq(ares, "\"resendChallenge\":\"Y\""));
        assertThat(resent.prompt()).isEqualTo(ChallengeOutcome.Prompt.CODE_RESENT);
        assertThat(resent.attemptsLeft()).isEqualTo(2);
        String second = latestOtp();
        if (!first.equals(second)) {
            // The first code died with the resend: it counts as one more wrong attempt.
            assertThat(challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + first + "\"")).attemptsLeft())
                    .isEqualTo(1);
        } else {
            challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + wrong + "\""));
        }
        ChallengeOutcome last = challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + wrong + "\""));
        assertThat(last.complete()).isTrue();
        assertThat(last.cres().transStatus()).isEqualTo("N");
        assertThat(row(ares.acsTransID())).containsEntry("status", "FAILED").containsEntry("trans_status_reason", "01")
                .containsEntry("results_trans_status", "N");
        assertThat(challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + second + "\"")).cres().transStatus())
                .isEqualTo("N");
    }

    @Test
    void resendsAreLimited() {
        ARes ares = answer(purchase(TestNetworkCards.CHALLENGE, 1800, "dev_c"));
        for (int i = 0; i < rules.otpResendsMax(); i++) {
            assertThat(challenges.respond(creq(ares, "\"resendChallenge\":\"Y\"")).prompt())
                    .isEqualTo(ChallengeOutcome.Prompt.CODE_RESENT);
        }
        assertThat(challenges.respond(creq(ares, "\"resendChallenge\":\"Y\"")).prompt())
                .isEqualTo(ChallengeOutcome.Prompt.RESENDS_EXHAUSTED);
    }

    @Test
    void theCardholderCancellingEndsWithChallengeCancel01() {
        ARes ares = answer(purchase(TestNetworkCards.CHALLENGE, 1800, "dev_d"));
        assertThat(challenges.respond(creq(ares, "\"challengeCancel\":\"01\"")).cres().transStatus()).isEqualTo("N");
        assertThat(row(ares.acsTransID())).containsEntry("status", "CANCELED").containsEntry("challenge_cancel", "01");
    }

    @Test
    void aChallengeIdleForTenMinutesTimesOutWithChallengeCancel04() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-21T12:00:00Z"));
        AccessControlServer acs = new AccessControlServer(Map.of("test", new TestNetworkCards()), transactions, values,
                notifications, keys, rules, "https://localhost/threeds/challenge/", clock);
        ThreeDsChallenges timed = new ThreeDsChallenges(transactions, acs, values, directory, rules, tx, clock);
        String areq = MessageSamples.AREQ.replace("tok_4000000000000002", TestNetworkCards.CHALLENGE)
                .replace(MessageSamples.SERVER_ID, UUID.randomUUID().toString())
                .replace("{", "{\"dsTransID\":\"" + UUID.randomUUID() + "\",");
        ARes ares = ThreeDsFlowTests.parsed(acs.authenticate("test", areq), ARes.class);
        assertThat(ares.transStatus()).isEqualTo("C");
        clock.advance(Duration.ofMinutes(9));
        assertThat(timed.expireIdleChallenges()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(timed.expireIdleChallenges()).isGreaterThanOrEqualTo(1);
        assertThat(row(ares.acsTransID())).containsEntry("status", "TIMED_OUT").containsEntry("trans_status", "N")
                .containsEntry("challenge_cancel", "04").containsEntry("trans_status_reason", "14");
    }

    private ARes answer(ThreeDsServer.Purchase purchase) {
        ParseResult<ARes> result = server.authenticate(purchase);
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid<ARes>) result).message();
    }

    private static ThreeDsServer.Purchase purchase(String token, long amount, String device) {
        return purchase(token, amount, device, merchant());
    }

    private static ThreeDsServer.Purchase purchase(String token, long amount, String device, String merchant) {
        return new ThreeDsServer.Purchase(new AccountToken(token), amount, "978", 2, merchant, "Corner Bakery",
                "5462", "276", device, null);
    }

    private static String merchant() {
        return "biz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String creq(ARes ares, String extra) {
        return """
                {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
                 "challengeWindowSize":"05",%s}""".formatted(ares.threeDSServerTransID(), ares.acsTransID(), extra);
    }

    private String latestOtp() {
        Matcher m = OTP.matcher(inbox.newestTo(CHALLENGE_PHONE).getFirst().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private Map<String, Object> row(String acsTransID) {
        return jdbc.sql("select * from threeds_transaction where acs_trans_id = :id").param("id", acsTransID)
                .query().singleRow();
    }

    static <T extends ThreeDsMessage> T parsed(String json, Class<T> type) {
        return ((ParseResult.Valid<T>) ThreeDsMessages.parse(json, type)).message();
    }
}
