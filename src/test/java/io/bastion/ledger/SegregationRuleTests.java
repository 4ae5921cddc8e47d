package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.ledger.AccountCode.FundClass;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every pair of codes in the chart against an explicit list of the transfers allowed to cross between client
 * and own funds (debit first, credit second). Everything inside one class, or touching a code outside the
 * chart's classes, is allowed.
 */
class SegregationRuleTests {

    private static final Set<String> ALLOWED_CROSSINGS = Set.of(
            // An earned fee.
            "CUSTOMER_EMONEY>FEE_REVENUE", "MERCHANT_BALANCE>FEE_REVENUE",
            // Own money paid into safeguarding.
            "SAFEGUARDING_BANK>OPERATING_BANK", "SAFEGUARDING_BANK>COMPANY_EQUITY", "SAFEGUARDING_BANK>FEE_REVENUE",
            // The card receivable is a client asset like a safeguarding account: own funds may come into it.
            "CARD_RECEIVABLE>OPERATING_BANK", "CARD_RECEIVABLE>COMPANY_EQUITY", "CARD_RECEIVABLE>FEE_REVENUE",
            // Refunds and goodwill credits from the company's revenue or equity.
            "FEE_REVENUE>CUSTOMER_EMONEY", "FEE_REVENUE>MERCHANT_BALANCE", "FEE_REVENUE>SUSPENSE",
            "FEE_REVENUE>PAYOUTS_IN_TRANSIT", "COMPANY_EQUITY>CUSTOMER_EMONEY", "COMPANY_EQUITY>MERCHANT_BALANCE",
            "COMPANY_EQUITY>SUSPENSE", "COMPANY_EQUITY>PAYOUTS_IN_TRANSIT",
            "FEE_REVENUE>CARD_SETTLEMENT", "COMPANY_EQUITY>CARD_SETTLEMENT");

    @Test
    void onlyTheListedTransfersCrossBetweenClientAndOwnFunds() {
        int refused = 0;
        for (AccountCode debit : AccountCode.values()) {
            for (AccountCode credit : AccountCode.values()) {
                boolean crossing = debit.fundClass() != credit.fundClass();
                boolean allowed = !crossing || ALLOWED_CROSSINGS.contains(debit + ">" + credit);
                assertThat(AccountCode.segregation(debit.code(), credit.code()))
                        .as("%s > %s", debit, credit)
                        .isEqualTo(allowed ? null : TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
                refused += allowed ? 0 : 1;
            }
        }
        assertThat(refused).isEqualTo(24);
    }

    @Test
    void codesOutsideTheChartFollowTheirRangeAsLiabilities() {
        assertThat(AccountCode.classOf(1999)).isEqualTo(FundClass.CLIENT);
        assertThat(AccountCode.classOf(2999)).isEqualTo(FundClass.OWN);
        assertThat(AccountCode.classOf(7)).isEqualTo(FundClass.NONE);
        assertThat(AccountCode.segregation(1999, 2999)).isEqualTo(TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS);
        assertThat(AccountCode.segregation(2999, 1999)).isNull();
        assertThat(AccountCode.segregation(7, AccountCode.OPERATING_BANK.code())).isNull();
        assertThat(AccountCode.segregation(AccountCode.SAFEGUARDING_BANK.code(), 7)).isNull();
    }
}
