package io.bastion.wallet;

import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The company's ledger accounts per currency, opened idempotently at start-up under fixed ids such as
 * {@code sys-safeguarding-EUR}: the safeguarding bank account, suspense, payouts in transit and fee revenue.
 */
@Component
final class CompanyAccounts implements ApplicationRunner {

    private final Ledger ledger;
    private final WalletSettings settings;

    CompanyAccounts(Ledger ledger, WalletSettings settings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void run(ApplicationArguments args) {
        settings.currencies().forEach(this::ensure);
    }

    /** Opens the company accounts of a currency unless they exist; refuses an id that exists differently. */
    void ensure(String currency) {
        List<AccountRequest> requests = new ArrayList<>();
        requests.add(AccountRequest.of(safeguarding(currency), currency, AccountCode.SAFEGUARDING_BANK.code()));
        requests.add(AccountRequest.of(suspense(currency), currency, AccountCode.SUSPENSE.code()));
        requests.add(AccountRequest.of(inTransit(currency), currency, AccountCode.PAYOUTS_IN_TRANSIT.code()));
        requests.add(AccountRequest.of(feeRevenue(currency), currency, AccountCode.FEE_REVENUE.code()));
        if (!ledger.ensureAccounts(requests)) {
            throw new IllegalStateException("the ledger refuses the company accounts in " + currency);
        }
    }

    static String safeguarding(String currency) {
        return "sys-safeguarding-" + currency;
    }

    static String suspense(String currency) {
        return "sys-suspense-" + currency;
    }

    static String inTransit(String currency) {
        return "sys-payouts-in-transit-" + currency;
    }

    static String feeRevenue(String currency) {
        return AccountCode.feeRevenueAccount(currency);
    }
}
