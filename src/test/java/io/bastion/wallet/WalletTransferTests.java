package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.Confirmations;
import io.bastion.identity.TotpFixture;
import io.bastion.testing.BastionTest;
import java.util.List;
import org.iban4j.IbanUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class WalletTransferTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    Wallets wallets;

    @Autowired
    JdbcClient jdbc;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    @Test
    void aVerifiedCustomerGetsAEuroWalletWithAValidIbanAndATopUpReference() {
        WalletFixture.Holder ada = fixture.holder();
        assertThat(IbanUtil.isValid(ada.wallet().iban())).isTrue();
        assertThat(ada.wallet().iban()).startsWith("DE").contains("10010010");
        assertThat(ada.wallet().topupReference()).matches("BST-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(wallets.openWallets(ada.id())).containsExactly(ada.wallet());
        assertThat(fixture.ledger.account(ada.wallet().ledgerAccountId()).orElseThrow().debitsMustNotExceedCredits()).isTrue();
    }

    @Test
    void anUnverifiedCustomerGetsNoWalletAndCannotSend() {
        TotpFixture.Customer eve = fixture.people.unverifiedCustomer();
        assertThat(wallets.openWallets(eve.id())).isEmpty();
        WalletFixture.Holder bob = fixture.holder();
        assertThat(wallets.send(eve.id(), bob.wallet().id(), bob.customer().email(), 100, "hi").rejection())
                .isEqualTo(WalletRejection.WALLET_MUST_EXIST);
    }

    @Test
    void aCustomerWhoseContactIsNoLongerVerifiedCannotSendOrPayOut() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        jdbc.sql("UPDATE identity_user SET phone_verified_at = NULL WHERE id = ?").param(ada.id()).update();
        assertThat(wallets.send(ada.id(), ada.wallet().id(), bob.customer().email(), 100, "hi").rejection())
                .isEqualTo(WalletRejection.CUSTOMER_MUST_BE_VERIFIED);
        assertThat(wallets.payout(ada.id(), ada.wallet().id(), "DE89370400440532013000", "Ada", 100, "out").rejection())
                .isEqualTo(WalletRejection.CUSTOMER_MUST_BE_VERIFIED);
        assertThat(wallets.send(bob.id(), bob.wallet().id(), ada.customer().email(), 100, "to ada").rejection())
                .isEqualTo(WalletRejection.PAYEE_MUST_BE_A_VERIFIED_CUSTOMER);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(10_000);
    }

    @Test
    void aConfirmedTransferByEmailMovesTheAmountToThePayeeAndTheFeeToFeeRevenueInOneChain() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 100_000);
        long revenueBefore = fixture.feeRevenue();

        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.customer().email(), 20_000, "Dinner, Friday");
        assertThat(placed.status()).isEqualTo(SendResult.Status.AWAITING_CONFIRMATION);
        assertThat(fixture.balance(bob.wallet())).isZero();
        assertThat(fixture.people.confirmBySms(ada.customer(), placed.orderId())).isEqualTo(Confirmations.Outcome.CONFIRMED);

        assertThat(wallets.carryOut(ada.id(), placed.orderId()).status()).isEqualTo(SendResult.Status.DONE);
        long fee = 20; // 10 basis points of 200.00
        assertThat(fixture.balance(bob.wallet())).isEqualTo(20_000);
        assertThat(fixture.balance(ada.wallet())).isEqualTo(100_000 - 20_000 - fee);
        assertThat(fixture.feeRevenue() - revenueBefore).isEqualTo(fee);
        assertThat(fixture.ledger.transfer(OrderExecution.feeTransferId(placed.orderId()))).isPresent();
        assertThat(wallets.carryOut(ada.id(), placed.orderId()).rejection()).isEqualTo(WalletRejection.ORDER_ALREADY_CARRIED_OUT);
        assertThat(fixture.balance(bob.wallet())).isEqualTo(20_000);
        List<StatementLine> lines = wallets.statement(bob.id(), bob.wallet().id(), 0, 10).orElseThrow().lines();
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.amountMinor()).isEqualTo(20_000);
            assertThat(l.reference()).isEqualTo("Dinner, Friday");
            assertThat(l.balanceAfterMinor()).isEqualTo(20_000);
        });
    }

    @Test
    void aTransferWhoseAmountChangedAfterTheConfirmationIsRefusedAndMovesNothing() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 100_000);
        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.wallet().iban(), 1_000, "rent");
        assertThat(fixture.people.confirmBySms(ada.customer(), placed.orderId())).isEqualTo(Confirmations.Outcome.CONFIRMED);
        jdbc.sql("UPDATE wallet_order SET amount_minor = 90000 WHERE id = ?").param(placed.orderId()).update();

        assertThat(wallets.carryOut(ada.id(), placed.orderId()).rejection()).isEqualTo(WalletRejection.CONFIRMATION_MUST_BE_VALID);
        assertThat(fixture.balance(bob.wallet())).isZero();
        assertThat(fixture.balance(ada.wallet())).isEqualTo(100_000);
    }

    @Test
    void anUnconfirmedTransferIsNotCarriedOutAndAnotherCustomerCannotCarryItOut() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 10_000);
        SendResult placed = wallets.send(ada.id(), ada.wallet().id(), bob.customer().phone(), 1_000, "books");
        assertThat(placed.status()).isEqualTo(SendResult.Status.AWAITING_CONFIRMATION);
        assertThat(wallets.carryOut(bob.id(), placed.orderId()).rejection()).isEqualTo(WalletRejection.WALLET_MUST_EXIST);
        assertThat(wallets.carryOut(ada.id(), placed.orderId()).rejection()).isEqualTo(WalletRejection.CONFIRMATION_MUST_BE_VALID);
        assertThat(fixture.balance(bob.wallet())).isZero();
    }

    @Test
    void refusesUnknownPayeesBadReferencesAndAnotherCustomersWallet() {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        assertThat(wallets.send(ada.id(), ada.wallet().id(), "nobody@example.com", 100, "x").rejection())
                .isEqualTo(WalletRejection.PAYEE_MUST_BE_A_VERIFIED_CUSTOMER);
        assertThat(wallets.send(ada.id(), ada.wallet().id(), bob.customer().email(), 100, "line\nbreak").rejection())
                .isEqualTo(WalletRejection.REFERENCE_MUST_BE_VALID);
        assertThat(wallets.send(ada.id(), ada.wallet().id(), bob.customer().email(), Long.MAX_VALUE, "x").rejection())
                .isEqualTo(WalletRejection.AMOUNT_MUST_BE_IN_RANGE);
        assertThat(wallets.send(ada.id(), ada.wallet().id(), ada.customer().email(), 100, "me").rejection())
                .isEqualTo(WalletRejection.PAYEE_MUST_BE_ANOTHER_WALLET);
        assertThat(wallets.send(ada.id(), bob.wallet().id(), ada.customer().email(), 100, "x").rejection())
                .isEqualTo(WalletRejection.WALLET_MUST_EXIST);
        assertThat(wallets.statement(ada.id(), bob.wallet().id(), 0, 10)).isEmpty();
    }
}
