package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class IssuingTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    IssuingFixture fixture;
    Cards cards;
    Issuing issuing;

    @BeforeEach
    void setUp() {
        fixture = new IssuingFixture(context);
        cards = fixture.cards;
        issuing = fixture.issuing;
    }

    @Test
    void aNewCardHasALuhnValidNumberInTheBinRangeAndOnlyItsTokenIsStored() {
        IssuingFixture.Holder h = fixture.holder(0);
        String pan = h.details().number();
        assertThat(pan).hasSize(16).startsWith("49999900");
        assertThat(CardNumber.luhnValid(pan)).isTrue();
        assertThat(h.card().token()).startsWith("tok_");
        assertThat(h.card().masked()).isEqualTo(pan.substring(0, 6) + "******" + pan.substring(12));
        String row = jdbc.sql("SELECT t::text FROM issuing_card t WHERE id = ?").param(h.card().id()).query(String.class).single();
        assertThat(row).doesNotContain(pan).doesNotContain(pan.substring(6, 12));
        // No column holds the CVV2 (three digits may still occur inside other values, such as the last four).
        assertThat(row.substring(1, row.length() - 1).split(",")).doesNotContain(h.details().cvv());
        assertThat(h.card().expiry()).isEqualTo(java.time.YearMonth.now(java.time.ZoneOffset.UTC).plusYears(3));
    }

    @Test
    void cardNumbersAreUnique() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            IssuingFixture.Holder h = fixture.holder(0);
            numbers.add(h.details().number());
            for (int j = 0; j < 3; j++) {
                Card more = cards.create(h.id(), h.wallet().id(), "127.0.0.1").card();
                numbers.add(cards.reveal(h.id(), more.id(), "127.0.0.1").orElseThrow().number());
            }
        }
        assertThat(numbers).hasSize(12);
    }

    @Test
    void theCvvIsRecomputedTheSameAndAWrongOneIsDeclined() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        assertThat(cards.reveal(h.id(), h.card().id(), "127.0.0.1").orElseThrow().cvv()).isEqualTo(h.details().cvv())
                .matches("[0-9]{3}");
        String wrong = String.format("%03d", (Integer.parseInt(h.details().cvv()) + 1) % 1000);
        assertThat(issuing.authorize(fixture.online(h, 500, wrong)).declineReason()).isEqualTo(DeclineReason.CVV_MISMATCH);
        assertThat(issuing.authorize(fixture.online(h, 500, h.details().cvv())).approved()).isTrue();
    }

    @Test
    void aHoldReducesTheAvailableBalanceCaptureTakesItAndReversalGivesItBack() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        AuthorizationResult first = issuing.authorize(fixture.online(h, 3_000, h.details().cvv()));
        assertThat(first.approved()).isTrue();
        assertThat(fixture.available(h.wallet())).isEqualTo(7_000);
        assertThat(fixture.posted(h.wallet())).isEqualTo(10_000);
        assertThat(issuing.capture(first.authorizationId(), 2_500)).isEqualTo(HoldOutcome.CAPTURED);
        assertThat(fixture.posted(h.wallet())).isEqualTo(7_500);
        assertThat(fixture.available(h.wallet())).isEqualTo(7_500);
        assertThat(issuing.capture(first.authorizationId(), 500)).isEqualTo(HoldOutcome.AUTHORIZATION_NOT_OPEN);

        AuthorizationResult second = issuing.authorize(fixture.online(h, 1_000, h.details().cvv()));
        assertThat(fixture.available(h.wallet())).isEqualTo(6_500);
        assertThat(issuing.capture(second.authorizationId(), 1_001)).isEqualTo(HoldOutcome.AMOUNT_EXCEEDS_HOLD);
        assertThat(issuing.reverse(second.authorizationId())).isEqualTo(HoldOutcome.REVERSED);
        assertThat(fixture.available(h.wallet())).isEqualTo(7_500);
        assertThat(issuing.reverse(second.authorizationId())).isEqualTo(HoldOutcome.AUTHORIZATION_NOT_OPEN);
        assertThat(issuing.authorization(second.authorizationId()).orElseThrow().status()).isEqualTo(AuthorizationStatus.REVERSED);
    }

    @Test
    void anAuthorizationPastTheBalanceIsDeclinedForInsufficientFunds() {
        IssuingFixture.Holder h = fixture.holder(1_000);
        assertThat(issuing.authorize(fixture.online(h, 1_001, h.details().cvv())).declineReason())
                .isEqualTo(DeclineReason.INSUFFICIENT_FUNDS);
        assertThat(fixture.available(h.wallet())).isEqualTo(1_000);
        assertThat(issuing.authorize(fixture.online(h, 1_000, h.details().cvv())).approved()).isTrue();
    }

    @Test
    void theSameAuthorizationIdAnswersTheFirstOutcomeAndHoldsOnce() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        AuthorizationRequest request = fixture.online(h, 2_000, h.details().cvv());
        AuthorizationResult first = issuing.authorize(request);
        AuthorizationRequest again = new AuthorizationRequest(request.authorizationId(), CardNumber.of(h.details().number()),
                null, Optional.of(Expiry.parse(h.details().expiry())), Optional.of(Cvv.of(h.details().cvv())), 2_000, "EUR",
                "Web Shop", "GB", "5999", true, request.threeDs());
        assertThat(issuing.authorize(again)).isEqualTo(first);
        assertThat(fixture.available(h.wallet())).isEqualTo(8_000);
    }

    @Test
    void eachControlAndStatusProducesItsOwnDecline() {
        IssuingFixture.Holder h = fixture.holder(100_000);
        String cvv = h.details().cvv();
        assertThat(cards.updateControls(h.id(), h.card().id(), new CardControls(false, 5_000, 50_000, List.of("DE", "FR"),
                List.of("7995")), "127.0.0.1")).isEmpty();
        // 3-D Secure asks the same controls and refuses; the issuer names the rule for a payment sent anyway.
        assertThat(fixture.areq(fixture.oneOffToken(h), 100, IssuingFixture.MERCHANT_ID).transStatus()).isEqualTo("N");
        assertThat(decline(new AuthorizationRequest(IssuingFixture.authorizationId(), CardNumber.of(h.details().number()),
                null, Optional.empty(), Optional.of(Cvv.of(cvv)), 100, "EUR", "Web Shop", "GB", "5999", true,
                Optional.empty()))).isEqualTo(DeclineReason.ONLINE_PAYMENTS_DISABLED);
        assertThat(decline(IssuingFixture.inStore(h, 100, "GB", "5411"))).isEqualTo(DeclineReason.COUNTRY_NOT_ALLOWED);
        assertThat(decline(IssuingFixture.inStore(h, 100, "DE", "7995"))).isEqualTo(DeclineReason.MERCHANT_CATEGORY_BLOCKED);
        assertThat(decline(IssuingFixture.inStore(h, 5_001, "DE", "5411"))).isEqualTo(DeclineReason.EXCEEDS_TRANSACTION_LIMIT);
        assertThat(issuing.authorize(IssuingFixture.inStore(h, 5_000, "FR", "5411")).approved()).isTrue();

        assertThat(cards.updateControls(h.id(), h.card().id(), new CardControls(true, 5_000, 6_000, List.of(), List.of()),
                "127.0.0.1")).isEmpty();
        assertThat(decline(IssuingFixture.inStore(h, 1_001, "GB", "5411"))).isEqualTo(DeclineReason.EXCEEDS_DAILY_LIMIT);
        assertThat(issuing.authorize(IssuingFixture.inStore(h, 1_000, "GB", "5411")).approved()).isTrue();
        AuthorizationRequest unauthenticated = new AuthorizationRequest(IssuingFixture.authorizationId(),
                CardNumber.of(h.details().number()), null, Optional.empty(), Optional.of(Cvv.of(cvv)), 100, "EUR", "Web Shop",
                "GB", "5999", true, Optional.empty());
        assertThat(decline(unauthenticated)).isEqualTo(DeclineReason.AUTHENTICATION_REQUIRED);
        assertThat(cards.updateControls(h.id(), h.card().id(), CardControls.defaults(), "127.0.0.1")).isEmpty();
        CardToken oneOff = fixture.oneOffToken(h);
        AuthorizationRequest byToken = new AuthorizationRequest(IssuingFixture.authorizationId(), null,
                new CardToken(h.card().token()), Optional.empty(), Optional.empty(), 1, "EUR", "Web Shop", "GB", "5999", true,
                Optional.of(fixture.authenticated(h, oneOff, 1, IssuingFixture.MERCHANT_ID)));
        assertThat(issuing.authorize(byToken).approved()).isTrue();
        AuthorizationRequest wrongExpiry = new AuthorizationRequest(IssuingFixture.authorizationId(),
                CardNumber.of(h.details().number()), null, Optional.of(new Expiry(1, 2099)), Optional.empty(), 100, "EUR",
                "Shop", "GB", "5411", false, Optional.empty());
        assertThat(decline(wrongExpiry)).isEqualTo(DeclineReason.EXPIRY_MISMATCH);
        assertThat(decline(withCurrency(h, "USD"))).isEqualTo(DeclineReason.CURRENCY_NOT_SUPPORTED);

        assertThat(cards.freeze(h.id(), h.card().id(), true, "127.0.0.1").ok()).isTrue();
        assertThat(decline(IssuingFixture.inStore(h, 100, "GB", "5411"))).isEqualTo(DeclineReason.CARD_FROZEN);
        assertThat(cards.freeze(h.id(), h.card().id(), false, "127.0.0.1").ok()).isTrue();
        assertThat(issuing.authorize(IssuingFixture.inStore(h, 100, "GB", "5411")).approved()).isTrue();
        CardResult replaced = cards.replace(h.id(), h.card().id(), "127.0.0.1");
        assertThat(replaced.ok()).isTrue();
        assertThat(replaced.card().replacesCardId()).isEqualTo(h.card().id());
        assertThat(decline(IssuingFixture.inStore(h, 100, "GB", "5411"))).isEqualTo(DeclineReason.CARD_CLOSED);
    }

    @Test
    void anUnknownNumberAndAnExpiredCardAreDeclined() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        String other = new CardNumbers("49999900").next();
        AuthorizationRequest unknown = new AuthorizationRequest(IssuingFixture.authorizationId(), CardNumber.of(other), null,
                Optional.empty(), Optional.empty(), 100, "EUR", "Shop", "GB", "5411", false, Optional.empty());
        assertThat(decline(unknown)).isEqualTo(DeclineReason.CARD_NOT_FOUND);
        jdbc.sql("UPDATE issuing_card SET expiry_month = date '2020-01-01' WHERE id = ?").param(h.card().id()).update();
        AuthorizationRequest expired = new AuthorizationRequest(IssuingFixture.authorizationId(),
                CardNumber.of(h.details().number()), null, Optional.empty(), Optional.empty(), 100, "EUR", "Shop", "GB",
                "5411", false, Optional.empty());
        assertThat(decline(expired)).isEqualTo(DeclineReason.EXPIRED_CARD);
    }

    @Test
    void theDailyLimitHoldsWhenManyAuthorizationsRace() throws Exception {
        IssuingFixture.Holder h = fixture.holder(1_000_000);
        assertThat(cards.updateControls(h.id(), h.card().id(), new CardControls(true, 1_000, 5_000, List.of(), List.of()),
                "127.0.0.1")).isEmpty();
        List<Callable<AuthorizationResult>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(() -> issuing.authorize(IssuingFixture.inStore(h, 500, "GB", "5411")));
        }
        List<AuthorizationResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            for (Future<AuthorizationResult> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
        }
        assertThat(results.stream().filter(AuthorizationResult::approved)).hasSize(10);
        assertThat(results.stream().filter(r -> !r.approved()))
                .allMatch(r -> r.declineReason() == DeclineReason.EXCEEDS_DAILY_LIMIT);
        assertThat(fixture.available(h.wallet())).isEqualTo(1_000_000 - 5_000);
        AuthorizationResult any = results.stream().filter(AuthorizationResult::approved).findFirst().orElseThrow();
        assertThat(issuing.reverse(any.authorizationId())).isEqualTo(HoldOutcome.REVERSED);
        assertThat(issuing.authorize(IssuingFixture.inStore(h, 500, "GB", "5411")).approved()).isTrue();
    }

    @Test
    void anotherCustomersCardDoesNotExistForThem() {
        IssuingFixture.Holder owner = fixture.holder(0);
        IssuingFixture.Holder other = fixture.holder(0);
        String id = owner.card().id();
        assertThat(cards.card(other.id(), id)).isEmpty();
        assertThat(cards.reveal(other.id(), id, "127.0.0.1")).isEmpty();
        assertThat(cards.freeze(other.id(), id, true, "127.0.0.1").rejection()).isEqualTo(CardRejection.CARD_MUST_EXIST);
        assertThat(cards.replace(other.id(), id, "127.0.0.1").rejection()).isEqualTo(CardRejection.CARD_MUST_EXIST);
        assertThat(cards.create(other.id(), owner.wallet().id(), "127.0.0.1").rejection())
                .isEqualTo(CardRejection.WALLET_MUST_EXIST);
        assertThat(cards.card(owner.id(), id)).isPresent();
    }

    @Test
    void theCardholdersVerifiedPhoneIsGivenForThreeDSecure() {
        IssuingFixture.Holder h = fixture.holder(0);
        assertThat(issuing.cardholderPhone(new CardToken(h.card().token()))).contains(h.customer().phone());
        cards.replace(h.id(), h.card().id(), "127.0.0.1");
        assertThat(issuing.cardholderPhone(new CardToken(h.card().token()))).isEmpty();
    }

    @Test
    void everyAuthorizationIsStoredAndAuditedWithTheMaskedCardOnly() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        AuthorizationResult result = issuing.authorize(fixture.online(h, 700, h.details().cvv()));
        Authorization stored = issuing.authorization(result.authorizationId()).orElseThrow();
        assertThat(stored.masked()).isEqualTo(h.card().masked());
        assertThat(stored.status()).isEqualTo(AuthorizationStatus.APPROVED);
        Map<String, Object> audit = jdbc.sql("SELECT * FROM audit_entry WHERE target = ? ORDER BY seq DESC LIMIT 1")
                .param(result.authorizationId()).query().singleRow();
        assertThat(audit.toString()).contains(h.card().masked()).doesNotContain(h.details().number());
    }

    @Test
    void aHoldTheLedgerVoidedAtItsTimeoutMarksTheAuthorizationExpiredAndFreesTheDailyLimit() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        AuthorizationResult approved = issuing.authorize(IssuingFixture.inStore(h, 2_000, "GB", "5411"));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(context.getBean(CardStore.class).dailySpend(h.card().id(), today)).isEqualTo(2_000);
        // What the ledger's expiry sweep does once the hold's timeout passes.
        assertThat(fixture.ledger.submit(List.of(io.bastion.ledger.TransferRequest.voidPending("test-expire-"
                + approved.authorizationId(), approved.holdTransferId()))).getFirst().outcome().ok()).isTrue();
        jdbc.sql("UPDATE issuing_authorization SET created_at = created_at - interval '8 days' WHERE id = ?")
                .param(approved.authorizationId()).update();
        int expired = ExpiredHolds.run(context.getBean(AuthorizationStore.class), context.getBean(CardStore.class),
                fixture.ledger, context.getBean(io.bastion.audit.AuditLog.class), java.time.Clock.systemUTC());
        assertThat(expired).isGreaterThanOrEqualTo(1);
        assertThat(issuing.authorization(approved.authorizationId()).orElseThrow().status()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(context.getBean(CardStore.class).dailySpend(h.card().id(), today)).isZero();
        assertThat(issuing.capture(approved.authorizationId(), 2_000)).isEqualTo(HoldOutcome.AUTHORIZATION_NOT_OPEN);
        assertThat(fixture.available(h.wallet())).isEqualTo(10_000);
    }

    @Test
    void rotatingTheIssuerKeyChangesNoCardsCvv() {
        IssuingFixture.Holder h = fixture.holder(10_000);
        context.getBean(io.bastion.keys.Keys.class).rotate(io.bastion.keys.KeyPurpose.ISSUING_CVV);
        assertThat(cards.reveal(h.id(), h.card().id(), "127.0.0.1").orElseThrow().cvv()).isEqualTo(h.details().cvv());
        assertThat(issuing.authorize(fixture.online(h, 100, h.details().cvv())).approved()).isTrue();
        IssuingFixture.Holder later = fixture.holder(10_000);
        assertThat(later.card().cvvKeyId()).isNotEqualTo(h.card().cvvKeyId());
        assertThat(issuing.authorize(fixture.online(later, 100, later.details().cvv())).approved()).isTrue();
    }

    private DeclineReason decline(AuthorizationRequest request) {
        AuthorizationResult result = issuing.authorize(request);
        assertThat(result.approved()).as("declined").isFalse();
        return result.declineReason();
    }

    private static AuthorizationRequest withCurrency(IssuingFixture.Holder h, String currency) {
        return new AuthorizationRequest(IssuingFixture.authorizationId(), CardNumber.of(h.details().number()), null,
                Optional.empty(), Optional.empty(), 100, currency, "Shop", "GB", "5411", false, Optional.empty());
    }
}
