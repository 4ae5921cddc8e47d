package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class WalletLimitTests {

    // The default "standard" level: a balance cap of 1,000,000 and 500,000 out per month, in minor units.
    static final long CAP = 1_000_000;
    static final long MONTHLY_OUT = 500_000;

    @Autowired
    ApplicationContext context;

    @Autowired
    Wallets wallets;

    @Autowired
    MonthlyLimits limits;

    @Autowired
    JdbcClient jdbc;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    /** Lets the customer send up to an amount without a confirmation, as their confirmation rules allow. */
    void waiveConfirmations(String userId) {
        jdbc.sql("INSERT INTO identity_confirmation_rule (user_id, mode, updated_at) VALUES (?, 'ABOVE', ?)")
                .params(userId, OffsetDateTime.now(ZoneOffset.UTC)).update();
        jdbc.sql("INSERT INTO identity_confirmation_threshold (user_id, currency, amount_minor) VALUES (?, 'EUR', ?)")
                .params(userId, CAP).update();
    }

    @Test
    void manyConcurrentSendsNeverPassTheMonthlyOutgoingLimit() throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        fixture.fund(ada.wallet(), 900_000);
        waiveConfirmations(ada.id());
        List<WalletFixture.Holder> payees = List.of(fixture.holder(), fixture.holder(), fixture.holder());
        int sends = 40;
        long amount = 29_970; // with the 10 bps fee of 30, each send takes 30,000 of the monthly allowance
        List<Future<SendResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < sends; i++) {
                WalletFixture.Holder payee = payees.get(i % payees.size());
                results.add(pool.submit(() -> wallets.send(ada.id(), ada.wallet().id(), payee.wallet().iban(), amount, "split")));
            }
        }
        long done = 0;
        for (Future<SendResult> result : results) {
            SendResult r = result.get();
            if (r.status() == SendResult.Status.DONE) {
                done++;
            } else {
                assertThat(r.rejection()).isEqualTo(WalletRejection.MONTHLY_OUTGOING_LIMIT_EXCEEDED);
            }
        }
        assertThat(done).isEqualTo(MONTHLY_OUT / 30_000);
        assertThat(limits.used(ada.wallet().id(), limits.month())).isEqualTo(done * 30_000).isLessThanOrEqualTo(MONTHLY_OUT);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(900_000 - done * 30_000);
        assertThat(payees.stream().mapToLong(p -> fixture.balance(p.wallet())).sum()).isEqualTo(done * amount);
    }

    @Test
    void concurrentCreditsNeverPushThePayeePastTheBalanceCap() throws Exception {
        WalletFixture.Holder bob = fixture.holder();
        List<WalletFixture.Holder> payers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            WalletFixture.Holder payer = fixture.holder();
            fixture.fund(payer.wallet(), 400_000);
            waiveConfirmations(payer.id());
            payers.add(payer);
        }
        List<Future<SendResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 32; i++) {
                WalletFixture.Holder payer = payers.get(i % payers.size());
                results.add(pool.submit(() -> wallets.send(payer.id(), payer.wallet().id(), bob.customer().email(), 45_000, "cap")));
            }
        }
        for (Future<SendResult> result : results) {
            SendResult r = result.get();
            assertThat(r.rejection()).isIn(null, WalletRejection.PAYEE_BALANCE_CAP_EXCEEDED,
                    WalletRejection.MONTHLY_OUTGOING_LIMIT_EXCEEDED, WalletRejection.FUNDS_MUST_BE_SUFFICIENT);
        }
        assertThat(fixture.balance(bob.wallet())).isLessThanOrEqualTo(CAP).isEqualTo(CAP / 45_000 * 45_000);
    }

    @Test
    void aSendThatTheLedgerRefusesGivesItsMonthlyAllowanceBack() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 1_000);
        waiveConfirmations(ada.id());
        assertThat(wallets.send(ada.id(), ada.wallet().id(), bob.wallet().iban(), 5_000, "too much").rejection())
                .isEqualTo(WalletRejection.FUNDS_MUST_BE_SUFFICIENT);
        assertThat(limits.used(ada.wallet().id(), limits.month())).isZero();
        assertThat(wallets.send(ada.id(), ada.wallet().id(), bob.wallet().iban(), 900, "fits").status())
                .isEqualTo(SendResult.Status.DONE);
    }
}
