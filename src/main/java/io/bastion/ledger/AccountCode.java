package io.bastion.ledger;

import java.util.Arrays;
import java.util.Optional;

/**
 * The chart of accounts: what each ledger code means and whether it holds client funds (customers'
 * money, safeguarded) or own funds (the company's). Codes 1000-1999 are client funds and 2000-2999 own
 * funds; codes below 1000 are free for tests and tools and belong to neither.
 */
public enum AccountCode {
    /** A customer's e-money: what Bastion owes the customer (a liability). */
    CUSTOMER_EMONEY(1100, FundClass.CLIENT),
    /** A merchant's balance from card acceptance (a liability). */
    MERCHANT_BALANCE(1150, FundClass.CLIENT),
    /** The safeguarding bank account holding client money (an asset). */
    SAFEGUARDING_BANK(1200, FundClass.CLIENT),
    /** Money received that matches no customer yet. */
    SUSPENSE(1300, FundClass.CLIENT),
    /** Payouts sent to the bank and not yet confirmed by its statement. */
    PAYOUTS_IN_TRANSIT(1400, FundClass.CLIENT),
    /** Fees Bastion has earned from client transactions. */
    FEE_REVENUE(2100, FundClass.OWN),
    /** The company's own operating bank account. */
    OPERATING_BANK(2200, FundClass.OWN),
    /** The company's equity, the source of its own funds. */
    COMPANY_EQUITY(2300, FundClass.OWN);

    /** Whose money an account holds. */
    public enum FundClass {
        CLIENT, OWN, NONE
    }

    private final int code;
    private final FundClass fundClass;

    AccountCode(int code, FundClass fundClass) {
        this.code = code;
        this.fundClass = fundClass;
    }

    public int code() {
        return code;
    }

    public FundClass fundClass() {
        return fundClass;
    }

    public static Optional<AccountCode> of(int code) {
        return Arrays.stream(values()).filter(c -> c.code == code).findFirst();
    }

    /** The fund class of any code, named in the chart or not, by its range. */
    public static FundClass classOf(int code) {
        if (code >= 1000 && code < 2000) {
            return FundClass.CLIENT;
        }
        return code >= 2000 && code < 3000 ? FundClass.OWN : FundClass.NONE;
    }

    /**
     * The segregation rule: client money never pays own funds, except a fee the company has earned from a
     * customer's or merchant's balance. So the safeguarding bank account can never fund company spending.
     * Returns the rejection, or null when the transfer is allowed.
     */
    static TransferOutcome segregation(int debitCode, int creditCode) {
        if (classOf(debitCode) != FundClass.CLIENT || classOf(creditCode) != FundClass.OWN) {
            return null;
        }
        boolean earnedFee = creditCode == FEE_REVENUE.code
                && (debitCode == CUSTOMER_EMONEY.code || debitCode == MERCHANT_BALANCE.code);
        return earnedFee ? null : TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS;
    }
}
