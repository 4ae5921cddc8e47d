package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.TotpFixture;
import io.bastion.ledger.Ledger;
import io.bastion.testing.BastionTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The job that finishes merchant payouts left at "requested" (the owner confirmed, the request was recorded,
 * and the process stopped or the ledger failed before the money moved).
 */
@BastionTest
class StuckPayoutsTests {

    @Autowired
    ApplicationContext context;
    @Autowired
    StuckPayouts job;
    @Autowired
    IntentStore store;
    @Autowired
    PaymentPostings postings;
    @Autowired
    Ledger ledger;
    MerchantDashboardFixture fixture;
    TotpFixture.Customer owner;
    MerchantDashboardFixture.Business shop;
    long balance;

    @BeforeEach
    void setUp() {
        fixture = new MerchantDashboardFixture(context);
        owner = fixture.people.verifiedCustomer();
        shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        fixture.pay(shop, 10_000, "automatic", "pm_card_visa");
        balance = balance();
    }

    @Test
    void aPayoutRecordedButNeverMovedIsPaidOutByTheJobExactlyOnce() {
        String id = PaymentIntents.newPayoutId();
        store.insertPayout(id, shop.id(), 5_000, "EUR", owner.id());

        assertThat(job.finishRequestedBefore(later())).isPositive();
        job.finishRequestedBefore(later());

        assertThat(payout(id).status()).isEqualTo(PaymentIntents.PayoutStatus.IN_TRANSIT);
        assertThat(balance()).isEqualTo(balance - 5_000);
        assertThat(ledger.transfer(id).orElseThrow().amount()).isEqualTo(5_000);
        assertThat(fixture.intents.payouts(shop.id())).extracting(PaymentIntents.Payout::id).containsOnlyOnce(id);
    }

    @Test
    void aPayoutWhoseMoneyMovedBeforeTheStopOnlyHasItsStatusCaughtUp() {
        String id = PaymentIntents.newPayoutId();
        store.insertPayout(id, shop.id(), 4_000, "EUR", owner.id());
        assertThat(postings.payout(postings.merchantAccounts(shop.id()).get("EUR").id(), id, "EUR", 4_000).ok()).isTrue();

        assertThat(job.finishRequestedBefore(later())).isPositive();

        assertThat(payout(id).status()).isEqualTo(PaymentIntents.PayoutStatus.IN_TRANSIT);
        assertThat(balance()).isEqualTo(balance - 4_000);
    }

    @Test
    void aStuckPayoutTheBalanceNoLongerCoversFailsWithTheReasonAndMovesNothing() {
        String id = PaymentIntents.newPayoutId();
        store.insertPayout(id, shop.id(), balance + 1, "EUR", owner.id());

        assertThat(job.finishRequestedBefore(later())).isPositive();

        PaymentIntents.Payout failed = payout(id);
        assertThat(failed.status()).isEqualTo(PaymentIntents.PayoutStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("balance_must_cover_payout");
        assertThat(balance()).isEqualTo(balance);
    }

    @Test
    void aPayoutRequestedAMomentAgoIsLeftToTheRequestStillCarryingItOut() {
        String id = PaymentIntents.newPayoutId();
        store.insertPayout(id, shop.id(), 1_000, "EUR", owner.id());

        job.finish();

        assertThat(payout(id).status()).isEqualTo(PaymentIntents.PayoutStatus.REQUESTED);
        assertThat(balance()).isEqualTo(balance);
    }

    private PaymentIntents.Payout payout(String id) {
        return store.payout(shop.id(), id).orElseThrow();
    }

    private long balance() {
        return fixture.intents.balances(shop.id()).getFirst().balance();
    }

    /** A cut-off after every payout of this test, as the job's clock would be minutes later. */
    private static Instant later() {
        return Instant.now().plus(2, ChronoUnit.MINUTES);
    }
}
