package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Client money and the company's own money stay apart: only an earned fee crosses from one to the other. */
@BastionTest
class LedgerSegregationTests {

    @Autowired
    Ledger ledger;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String open(AccountCode code) {
        String id = code.name().toLowerCase() + "-" + run;
        ledger.createAccounts(List.of(AccountRequest.of(id, "EUR", code.code())));
        return id;
    }

    private TransferOutcome move(String from, String to, long amount) {
        return ledger.submit(List.of(TransferRequest.of("t-" + UUID.randomUUID(), from, to, amount))).getFirst().outcome();
    }

    @Test
    void anEarnedFeeMayMoveFromACustomerBalanceToFeeRevenue() {
        String customer = open(AccountCode.CUSTOMER_EMONEY);
        String bank = open(AccountCode.SAFEGUARDING_BANK);
        String fees = open(AccountCode.FEE_REVENUE);
        assertThat(move(bank, customer, 10_000)).isEqualTo(TransferOutcome.CREATED);
        assertThat(move(customer, fees, 150)).isEqualTo(TransferOutcome.CREATED);
    }

    @Test
    void theSafeguardingAccountNeverPaysForCompanySpending() {
        String bank = open(AccountCode.SAFEGUARDING_BANK);
        String operating = open(AccountCode.OPERATING_BANK);
        String fees = open(AccountCode.FEE_REVENUE);
        String equity = open(AccountCode.COMPANY_EQUITY);
        assertThat(move(bank, operating, 1_000)).isEqualTo(TransferOutcome.CREATED);
        // A bank account is an asset: crediting it takes money out. Out of safeguarding into the company's
        // own account, or to pay the company's costs or owners, is refused.
        assertThat(move(operating, bank, 500)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
        assertThat(move(fees, bank, 500)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
        assertThat(move(equity, bank, 500)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
    }

    @Test
    void clientMoneyNeverLandsInTheCompanysOwnBankAccount() {
        String customer = open(AccountCode.CUSTOMER_EMONEY);
        String operating = open(AccountCode.OPERATING_BANK);
        assertThat(move(operating, customer, 100)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
    }

    @Test
    void customerMoneyCannotGoToOwnFundsExceptAsAFee() {
        String customer = open(AccountCode.CUSTOMER_EMONEY);
        String suspense = open(AccountCode.SUSPENSE);
        String operating = open(AccountCode.OPERATING_BANK);
        String equity = open(AccountCode.COMPANY_EQUITY);
        assertThat(move(customer, operating, 1)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
        assertThat(move(customer, equity, 1)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
        assertThat(move(suspense, open(AccountCode.FEE_REVENUE), 1)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
    }

    @Test
    void ownFundsMayTopUpSafeguardingAndCreditCustomers() {
        String equity = open(AccountCode.COMPANY_EQUITY);
        String operating = open(AccountCode.OPERATING_BANK);
        String bank = open(AccountCode.SAFEGUARDING_BANK);
        String customer = open(AccountCode.CUSTOMER_EMONEY);
        String fees = open(AccountCode.FEE_REVENUE);
        assertThat(move(bank, operating, 1_000)).as("operating account into safeguarding").isEqualTo(TransferOutcome.CREATED);
        assertThat(move(bank, equity, 1_000)).as("capital paid into safeguarding").isEqualTo(TransferOutcome.CREATED);
        assertThat(move(equity, customer, 25)).as("a goodwill credit").isEqualTo(TransferOutcome.CREATED);
        assertThat(move(fees, customer, 10)).as("a fee refund").isEqualTo(TransferOutcome.CREATED);
    }

    @Test
    void aRefusedFeeFailsItsWholeLinkedChain() {
        String customer = open(AccountCode.CUSTOMER_EMONEY);
        String other = open(AccountCode.CUSTOMER_EMONEY).replace("customer_emoney", "other");
        ledger.createAccounts(List.of(AccountRequest.of(other, "EUR", AccountCode.CUSTOMER_EMONEY.code())));
        String operating = open(AccountCode.OPERATING_BANK);
        List<TransferResult> results = ledger.submit(List.of(
                TransferRequest.of("pay-" + run, customer, other, 100).linkedToNext(),
                TransferRequest.of("fee-" + run, customer, operating, 1)));
        assertThat(results).extracting(TransferResult::outcome)
                .containsExactly(TransferOutcome.LINKED_EVENT_FAILED, TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
    }
}
