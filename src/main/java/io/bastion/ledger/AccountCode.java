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
    CUSTOMER_EMONEY(1100, FundClass.CLIENT, false),
    /** A merchant's balance from card acceptance (a liability). */
    MERCHANT_BALANCE(1150, FundClass.CLIENT, false),
    /** The safeguarding bank account holding client money (an asset: debits add to it). */
    SAFEGUARDING_BANK(1200, FundClass.CLIENT, true),
    /** Money received that matches no customer yet (owed to whoever sent it). */
    SUSPENSE(1300, FundClass.CLIENT, false),
    /** Payouts sent to the bank and not yet confirmed by its statement (still owed). */
    PAYOUTS_IN_TRANSIT(1400, FundClass.CLIENT, false),
    /** Card payments by Bastion's cardholders, held or captured and owed to the card scheme (a liability). */
    CARD_SETTLEMENT(1500, FundClass.CLIENT, false),
    /** Merchants' card payments authorized through a card network, receivable from it at settlement (an asset). */
    CARD_RECEIVABLE(1510, FundClass.CLIENT, true),
    /** Fees Bastion has earned from client transactions. */
    FEE_REVENUE(2100, FundClass.OWN, false),
    /** The company's own operating bank account (an asset: debits add to it). */
    OPERATING_BANK(2200, FundClass.OWN, true),
    /** The company's equity, the source of its own funds. */
    COMPANY_EQUITY(2300, FundClass.OWN, false);

    /** Whose money an account holds. */
    public enum FundClass {
        CLIENT, OWN, NONE
    }

    private final int code;
    private final FundClass fundClass;
    private final boolean asset;

    AccountCode(int code, FundClass fundClass, boolean asset) {
        this.code = code;
        this.fundClass = fundClass;
        this.asset = asset;
    }

    public int code() {
        return code;
    }

    public FundClass fundClass() {
        return fundClass;
    }

    /**
     * Whether the account is an asset (a bank account: a debit adds money to it, a credit takes money out);
     * otherwise it is a liability, revenue or equity, where a credit adds to what is owed or earned.
     */
    public boolean asset() {
        return asset;
    }

    private static boolean isAsset(int code) {
        return of(code).map(AccountCode::asset).orElse(false);
    }

    /**
     * The company's one FEE_REVENUE account in the currency, which wallet fees and card acceptance fees both
     * credit.
     */
    public static String feeRevenueAccount(String currency) {
        return "sys-fee-revenue-" + currency;
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
     * The segregation rule, in bookkeeping terms (a debit adds to an asset, a credit adds to a liability):
     * <ul>
     * <li>a client liability (a customer's or merchant's balance, suspense, payouts in transit) may pay own
     * funds only as an earned fee: CUSTOMER_EMONEY or MERCHANT_BALANCE to FEE_REVENUE;</li>
     * <li>a safeguarding (client) bank account is never credited against own funds: that would take money out
     * of safeguarding into the company's account or spend it on the company's costs;</li>
     * <li>an own bank account is never debited against a client liability: client money would land in the
     * company's own account instead of safeguarding.</li>
     * </ul>
     * Own funds may go into safeguarding (debit SAFEGUARDING_BANK, credit OPERATING_BANK or COMPANY_EQUITY)
     * and may credit a customer from equity or revenue (a refund or goodwill), which the reconciliation then
     * reports as a shortfall until the company tops up safeguarding. Codes outside the chart count as
     * liabilities of their range. Returns the rejection, or null when the transfer is allowed.
     */
    static TransferOutcome segregation(int debitCode, int creditCode) {
        FundClass debit = classOf(debitCode);
        FundClass credit = classOf(creditCode);
        if (debit == FundClass.CLIENT && credit == FundClass.OWN) {
            boolean topUp = isAsset(debitCode);
            boolean earnedFee = creditCode == FEE_REVENUE.code
                    && (debitCode == CUSTOMER_EMONEY.code || debitCode == MERCHANT_BALANCE.code);
            return topUp || earnedFee ? null : TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS;
        }
        if (debit == FundClass.OWN && credit == FundClass.CLIENT) {
            boolean outOfSafeguarding = isAsset(creditCode);
            boolean intoOwnAccount = isAsset(debitCode);
            return outOfSafeguarding || intoOwnAccount ? TransferOutcome.CLIENT_FUNDS_MUST_NOT_PAY_OWN_FUNDS : null;
        }
        return null;
    }
}
