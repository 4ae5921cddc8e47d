package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.CommitProbe;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.CardholderLookup;
import io.bastion.vault.CardToken;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** On-us card payments: 3-D Secure asks the issuer about Bastion's cards, and authorization checks what it answered. */
@BastionTest
class IssuingOnUsTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<CardholderLookup> lookups;
    IssuingFixture fixture;
    Issuing issuing;
    CardholderLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new IssuingFixture(context);
        issuing = fixture.issuing;
        lookup = lookups.stream().filter(IssuingCardholders.class::isInstance).findFirst().orElseThrow();
    }

    private CardholderLookup.Cardholder card(AccountToken token) {
        return lookup.cardholder(token).orElseThrow();
    }

    @Test
    void theLookupKnowsAnIssuedCardByItsOneOffTokenAndByItsOwnToken() {
        IssuingFixture.Holder h = fixture.holder(0);
        AccountToken oneOff = new AccountToken(fixture.oneOffToken(h).value());
        AccountToken issued = new AccountToken(h.card().token());

        assertThat(lookup.acsName()).isEqualTo(CardholderLookup.BASTION_ACS);
        assertThat(lookup.status(oneOff)).isEqualTo(CardholderLookup.CardStatus.ACTIVE);
        assertThat(lookup.status(issued)).isEqualTo(CardholderLookup.CardStatus.ACTIVE);
        assertThat(card(oneOff).cardKey()).isEqualTo(h.card().id()).isEqualTo(card(issued).cardKey());
        assertThat(card(oneOff).verifiedPhone()).isEqualTo(h.customer().phone());
        assertThat(lookup.status(new AccountToken("tok_unknown1234"))).isEqualTo(CardholderLookup.CardStatus.UNKNOWN);
        assertThat(lookup.status(new AccountToken("not a token"))).isEqualTo(CardholderLookup.CardStatus.UNKNOWN);
        assertThat(lookup.cardholder(new AccountToken("tok_unknown1234"))).isEmpty();
    }

    @Test
    void aFrozenOrClosedCardIsFrozenForThreeDSecure() {
        IssuingFixture.Holder h = fixture.holder(0);
        AccountToken oneOff = new AccountToken(fixture.oneOffToken(h).value());
        fixture.cards.freeze(h.id(), h.card().id(), true, "127.0.0.1");
        assertThat(lookup.status(oneOff)).isEqualTo(CardholderLookup.CardStatus.FROZEN);
        fixture.cards.freeze(h.id(), h.card().id(), false, "127.0.0.1");
        assertThat(lookup.status(oneOff)).isEqualTo(CardholderLookup.CardStatus.ACTIVE);
        fixture.cards.replace(h.id(), h.card().id(), "127.0.0.1");
        assertThat(lookup.status(oneOff)).isEqualTo(CardholderLookup.CardStatus.FROZEN);
        assertThat(card(oneOff).verifiedPhone()).isNull();
    }

    @Test
    void theControlsAreAskedWithNumericCurrencyAndCountryCodes() {
        IssuingFixture.Holder h = fixture.holder(0);
        AccountToken token = new AccountToken(fixture.oneOffToken(h).value());
        assertThat(fixture.cards.updateControls(h.id(), h.card().id(), new CardControls(true, 5_000, 50_000,
                List.of("DE", "FR"), List.of("7995")), "127.0.0.1")).isEmpty();

        assertThat(card(token).controlsAllow(5_000, "978", "276", "5411")).isTrue();
        assertThat(card(token).controlsAllow(5_001, "978", "276", "5411")).as("per-transaction limit").isFalse();
        assertThat(card(token).controlsAllow(100, "840", "276", "5411")).as("other currency").isFalse();
        assertThat(card(token).controlsAllow(100, "978", "826", "5411")).as("country not allowed").isFalse();
        assertThat(card(token).controlsAllow(100, "978", "999", "5411")).as("unknown country").isFalse();
        assertThat(card(token).controlsAllow(100, "978", "250", "7995")).as("blocked category").isFalse();
        assertThat(fixture.cards.updateControls(h.id(), h.card().id(), new CardControls(false, 5_000, 50_000,
                List.of(), List.of()), "127.0.0.1")).isEmpty();
        assertThat(card(token).controlsAllow(100, "978", "826", "5411")).as("online disabled").isFalse();
        assertThat(lookup.cardholder(new AccountToken("tok_unknown1234"))).isEmpty();
    }

    @Test
    void aPaymentWithTheOneOffTokenAndAValidAuthenticationValueIsApprovedAndRecorded() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_500, IssuingFixture.MERCHANT_ID);

        AuthorizationResult result = issuing.authorize(byToken(oneOff, 1_500, threeDs));

        assertThat(result.approved()).isTrue();
        assertThat(fixture.available(h.wallet())).isEqualTo(8_500);
        Authorization stored = issuing.authorization(result.authorizationId()).orElseThrow();
        assertThat(stored.cardId()).isEqualTo(h.card().id());
        assertThat(stored.threeDsTransStatus()).isEqualTo("Y");
        assertThat(stored.eci()).isEqualTo("05");
        assertThat(stored.threeDsFlow()).isEqualTo("frictionless");
        assertThat(stored.liabilityShift()).isTrue();
    }

    @Test
    void anOnUsAuthorizationWaitsForTheDiskNowhereAndAnyOtherOnlyForItsClosingAuditEntry() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        CardToken onUsToken = fixture.oneOffToken(h);
        CardToken otherToken = fixture.oneOffToken(h);
        AuthorizationRequest onUs = withCvv(byToken(onUsToken, 1_500,
                fixture.authenticated(h, onUsToken, 1_500, IssuingFixture.MERCHANT_ID)), h.details().cvv());
        AuthorizationRequest other = withCvv(byToken(otherToken, 700,
                fixture.authenticated(h, otherToken, 700, IssuingFixture.MERCHANT_ID)), h.details().cvv());
        try (CommitProbe probe = CommitProbe.watch(jdbc, Map.of("audit_entry", "target", "ledger_transfer", "id",
                "issuing_authorization", "id"))) {
            assertThat(issuing.authorizeCommittingLater(onUs).approved()).isTrue();
            List<CommitProbe.Write> onUsWrites = probe.writes(onUs.authorizationId(), h.card().token());
            assertThat(issuing.authorize(other).approved()).isTrue();
            List<CommitProbe.Write> all = probe.writes(onUs.authorizationId(), other.authorizationId(), h.card().token());
            List<CommitProbe.Write> otherWrites = all.subList(onUsWrites.size(), all.size());

            // The CVV2 check's detokenization, the authorization's row, the hold and the closing audit entry.
            assertThat(onUsWrites).extracting(CommitProbe.Write::table)
                    .contains("audit_entry", "issuing_authorization", "ledger_transfer");
            assertThat(onUsWrites).allMatch(CommitProbe.Write::deferred);
            assertThat(otherWrites).extracting(CommitProbe.Write::table).containsExactlyElementsOf(
                    onUsWrites.stream().map(CommitProbe.Write::table).toList());
            assertThat(otherWrites.subList(0, otherWrites.size() - 1)).allMatch(CommitProbe.Write::deferred);
            assertThat(otherWrites.getLast()).extracting(CommitProbe.Write::table, CommitProbe.Write::key,
                    CommitProbe.Write::deferred).containsExactly("audit_entry", other.authorizationId(), false);
        }
        assertThat(fixture.available(h.wallet())).isEqualTo(10_000 - 1_500 - 700);
    }

    private static AuthorizationRequest withCvv(AuthorizationRequest r, String cvv) {
        return new AuthorizationRequest(r.authorizationId(), r.cardNumber(), r.token(), r.expiry(),
                Optional.of(io.bastion.vault.Cvv.of(cvv)), r.amountMinor(), r.currency(), r.merchantName(),
                r.merchantCountry(), r.mcc(), r.online(), r.threeDs());
    }

    @Test
    void anAlteredAmountAnotherMerchantOrAnotherCardsValueIsDeclinedAsAuthenticationFailed() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        IssuingFixture.Holder other = fixture.holder(10_000);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_500, IssuingFixture.MERCHANT_ID);

        assertThat(decline(byToken(oneOff, 1_600, threeDs))).isEqualTo(DeclineReason.AUTHENTICATION_FAILED);
        ThreeDsResult otherMerchant = new ThreeDsResult("Y", "05", threeDs.dsTransID(), threeDs.authenticationValue(),
                threeDs.accountToken(), "biz_someoneelse", "frictionless");
        assertThat(decline(byToken(oneOff, 1_500, otherMerchant))).isEqualTo(DeclineReason.AUTHENTICATION_FAILED);
        // Another card's genuine value for the same amount and merchant proves nothing about this card.
        CardToken otherToken = fixture.oneOffToken(other);
        ThreeDsResult otherCards = fixture.authenticated(other, otherToken, 1_500, IssuingFixture.MERCHANT_ID);
        assertThat(decline(byToken(oneOff, 1_500, otherCards))).isEqualTo(DeclineReason.AUTHENTICATION_FAILED);
        // None of the refused attempts spent the genuine value.
        assertThat(issuing.authorize(byToken(oneOff, 1_500, threeDs)).approved()).isTrue();
        assertThat(fixture.available(other.wallet())).isEqualTo(10_000);
    }

    @Test
    void aReplayedValueIsDeclinedAsAuthenticationFailed() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_000, IssuingFixture.MERCHANT_ID);

        assertThat(issuing.authorize(byToken(oneOff, 1_000, threeDs)).approved()).isTrue();
        assertThat(decline(byToken(oneOff, 1_000, threeDs))).isEqualTo(DeclineReason.AUTHENTICATION_FAILED);
        assertThat(fixture.available(h.wallet())).isEqualTo(9_000);
    }

    @Test
    void anOnlineAuthorizationSentAgainWithItsIdAndValueAnswersTheFirstApprovalAndHoldsOnce() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_000, IssuingFixture.MERCHANT_ID);
        AuthorizationRequest request = byToken(oneOff, 1_000, threeDs);

        AuthorizationResult first = issuing.authorize(request);
        AuthorizationResult again = issuing.authorize(request);

        assertThat(first.approved()).isTrue();
        assertThat(again.approved()).isTrue();
        assertThat(again.holdTransferId()).isEqualTo(first.holdTransferId());
        assertThat(fixture.available(h.wallet())).isEqualTo(9_000);
    }

    @Test
    void aMissingResultOrValueIsDeclinedAsAuthenticationRequiredAndARefusalAsFailed() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        CardToken oneOff = fixture.oneOffToken(h);
        ThreeDsResult threeDs = fixture.authenticated(h, oneOff, 1_000, IssuingFixture.MERCHANT_ID);
        ThreeDsResult withoutValue = new ThreeDsResult("Y", "05", threeDs.dsTransID(), null, threeDs.accountToken(),
                threeDs.merchantId(), "frictionless");
        ThreeDsResult refused = new ThreeDsResult("N", "07", threeDs.dsTransID(), threeDs.authenticationValue(),
                threeDs.accountToken(), threeDs.merchantId(), "challenge");

        assertThat(decline(new AuthorizationRequest(IssuingFixture.authorizationId(), null, oneOff, Optional.empty(),
                Optional.empty(), 1_000, "EUR", "Web Shop", "GB", "5999", true, Optional.empty())))
                .isEqualTo(DeclineReason.AUTHENTICATION_REQUIRED);
        assertThat(decline(byToken(oneOff, 1_000, withoutValue))).isEqualTo(DeclineReason.AUTHENTICATION_REQUIRED);
        AuthorizationResult declined = issuing.authorize(byToken(oneOff, 1_000, refused));
        assertThat(declined.declineReason()).isEqualTo(DeclineReason.AUTHENTICATION_FAILED);
        Authorization stored = issuing.authorization(declined.authorizationId()).orElseThrow();
        assertThat(stored.threeDsTransStatus()).isEqualTo("N");
        assertThat(stored.liabilityShift()).isFalse();
        assertThat(fixture.available(h.wallet())).isEqualTo(10_000);
    }

    @Test
    void aRefundCreditsTheWalletOnceAndNeverBeyondTheCapture() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        AuthorizationResult approved = issuing.authorize(IssuingFixture.inStore(h, 3_000, "GB", "5411"));
        String id = approved.authorizationId();
        assertThat(issuing.refund(id, refundId(), 100)).isEqualTo(HoldOutcome.AUTHORIZATION_NOT_CAPTURED);
        assertThat(issuing.capture(id, 2_500)).isEqualTo(HoldOutcome.CAPTURED);
        assertThat(fixture.posted(h.wallet())).isEqualTo(7_500);

        String first = refundId();
        assertThat(issuing.refund(id, first, 1_000)).isEqualTo(HoldOutcome.REFUNDED);
        assertThat(fixture.posted(h.wallet())).isEqualTo(8_500);
        assertThat(issuing.refund(id, first, 1_000)).as("same refund id").isEqualTo(HoldOutcome.REFUNDED);
        assertThat(fixture.posted(h.wallet())).isEqualTo(8_500);
        assertThat(issuing.refund(id, first, 900)).isEqualTo(HoldOutcome.REFUND_ID_REUSED);
        assertThat(issuing.refund(id, refundId(), 1_501)).isEqualTo(HoldOutcome.AMOUNT_EXCEEDS_CAPTURE);
        assertThat(issuing.refund(id, refundId(), 0)).isEqualTo(HoldOutcome.AMOUNT_MUST_BE_POSITIVE);
        assertThat(issuing.refund(id, "bad id!", 10)).isEqualTo(HoldOutcome.REFUND_ID_MUST_BE_VALID);
        assertThat(issuing.refund("auth_doesnotexist", refundId(), 10)).isEqualTo(HoldOutcome.AUTHORIZATION_NOT_FOUND);
        assertThat(issuing.refund(id, refundId(), 1_500)).isEqualTo(HoldOutcome.REFUNDED);
        assertThat(fixture.posted(h.wallet())).isEqualTo(10_000);
        assertThat(issuing.refund(id, refundId(), 1)).isEqualTo(HoldOutcome.AMOUNT_EXCEEDS_CAPTURE);
        assertThat(issuing.authorization(id).orElseThrow().refundedMinor()).isEqualTo(2_500);
        Map<String, Object> transfer = jdbc.sql("SELECT * FROM ledger_transfer WHERE id = ?")
                .param(Holds.refundTransferId(first)).query().singleRow();
        assertThat(transfer).containsEntry("credit_account_id", h.wallet().ledgerAccountId())
                .containsEntry("debit_account_id", Holds.settlementAccount("EUR"));
    }

    @Test
    void concurrentRefundsNeverAddUpPastTheCapture() throws Exception {
        IssuingFixture.Holder h = fixture.holder(10_000);
        String id = issuing.authorize(IssuingFixture.inStore(h, 2_000, "GB", "5411")).authorizationId();
        assertThat(issuing.capture(id, 2_000)).isEqualTo(HoldOutcome.CAPTURED);
        List<java.util.concurrent.Callable<HoldOutcome>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> issuing.refund(id, refundId(), 500));
        }
        List<HoldOutcome> outcomes = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (var f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
        }
        assertThat(outcomes.stream().filter(o -> o == HoldOutcome.REFUNDED)).hasSize(4);
        assertThat(outcomes.stream().filter(o -> o != HoldOutcome.REFUNDED))
                .allMatch(o -> o == HoldOutcome.AMOUNT_EXCEEDS_CAPTURE);
        assertThat(fixture.posted(h.wallet())).isEqualTo(10_000);
    }

    private static AuthorizationRequest byToken(CardToken token, long amountMinor, ThreeDsResult threeDs) {
        return new AuthorizationRequest(IssuingFixture.authorizationId(), null, token, Optional.empty(), Optional.empty(),
                amountMinor, "EUR", "Web Shop", "GB", "5999", true, Optional.of(threeDs));
    }

    private DeclineReason decline(AuthorizationRequest request) {
        AuthorizationResult result = issuing.authorize(request);
        assertThat(result.approved()).as("declined").isFalse();
        return result.declineReason();
    }

    private static String refundId() {
        return "ref_" + UUID.randomUUID().toString().replace("-", "");
    }
}
