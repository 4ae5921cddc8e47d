package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.Confirmations;
import io.bastion.testing.BastionTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class StuckOrderTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Wallets wallets;

    @Autowired
    StuckOrders stuck;

    @Autowired
    OrderStore orders;

    @Autowired
    JdbcClient jdbc;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    /** Puts an order back to executing, claimed long ago, as a crashed executor would have left it. */
    void leaveExecuting(String orderId) {
        jdbc.sql("UPDATE wallet_order SET status = 'executing', claimed_at = ? WHERE id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), orderId).update();
    }

    @Test
    void anOrderWhoseExecutorStoppedAfterTheLedgerCommittedIsMarkedDoneWithoutPostingTwice() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.customer().email(), 5_000, "once");
        assertThat(fixture.people.confirmBySms(ada.customer(), placed.orderId())).isEqualTo(Confirmations.Outcome.CONFIRMED);
        assertThat(wallets.carryOut(ada.id(), placed.orderId()).status()).isEqualTo(SendResult.Status.DONE);
        leaveExecuting(placed.orderId());

        assertThat(stuck.resolve()).anySatisfy(r -> {
            assertThat(r.orderId()).isEqualTo(placed.orderId());
            assertThat(r.status()).isEqualTo(SendResult.Status.DONE);
        });
        assertThat(fixture.balance(bob.wallet())).isEqualTo(5_000);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(10_000 - 5_000 - 5);
        assertThat(orders.owned(ada.id(), placed.orderId()).orElseThrow().status()).isEqualTo("done");
        assertThat(jdbc.sql("SELECT balance_bound_minor FROM wallet_wallet WHERE id = ?").param(ada.wallet().id())
                .query(Long.class).single()).as("bound never below the balance").isGreaterThanOrEqualTo(fixture.balance(ada.wallet()));
        assertThat(stuck.resolve()).noneMatch(r -> r.orderId().equals(placed.orderId()));
    }

    @Test
    void anOrderWhoseExecutorStoppedBeforeTheLedgerIsCarriedOutOnceItsConfirmationWasUsed() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.wallet().iban(), 2_000, "later");
        assertThat(fixture.people.confirmBySms(ada.customer(), placed.orderId())).isEqualTo(Confirmations.Outcome.CONFIRMED);
        leaveExecuting(placed.orderId());
        assertThat(stuck.resolve()).anySatisfy(r -> {
            assertThat(r.orderId()).isEqualTo(placed.orderId());
            assertThat(r.status()).isEqualTo(SendResult.Status.DONE);
        });
        assertThat(fixture.balance(bob.wallet())).isEqualTo(2_000);
        assertThat(wallets.carryOut(ada.id(), placed.orderId()).rejection()).isEqualTo(WalletRejection.ORDER_ALREADY_CARRIED_OUT);
    }

    @Test
    void aStuckOrderThatWasNeverConfirmedFails() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.wallet().iban(), 2_000, "never " + UUID.randomUUID());
        leaveExecuting(placed.orderId());
        assertThat(stuck.resolve()).anySatisfy(r -> {
            assertThat(r.orderId()).isEqualTo(placed.orderId());
            assertThat(r.rejection()).isEqualTo(WalletRejection.CONFIRMATION_MUST_BE_VALID);
        });
        assertThat(fixture.balance(bob.wallet())).isZero();
    }
}
