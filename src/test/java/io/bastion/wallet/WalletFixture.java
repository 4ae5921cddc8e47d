package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.TotpFixture;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Customers with wallets, funded from the safeguarding account as a bank top-up would. */
final class WalletFixture {

    final TotpFixture people;
    final Wallets wallets;
    final Ledger ledger;

    WalletFixture(ApplicationContext context) {
        this.people = new TotpFixture(context);
        this.wallets = context.getBean(Wallets.class);
        this.ledger = context.getBean(Ledger.class);
        this.store = context.getBean(WalletStore.class);
    }

    private final WalletStore store;

    record Holder(TotpFixture.Customer customer, Wallet wallet) {
        String id() {
            return customer.id();
        }
    }

    Holder holder() {
        TotpFixture.Customer customer = people.verifiedCustomer();
        List<Wallet> opened = wallets.openWallets(customer.id());
        assertThat(opened).extracting(Wallet::currency).contains("EUR");
        return new Holder(customer, opened.stream().filter(w -> w.currency().equals("EUR")).findFirst().orElseThrow());
    }

    /** Credits a wallet from the safeguarding bank account, with its balance bound, as an incoming credit does. */
    void fund(Wallet wallet, long amountMinor) {
        assertThat(store.reserveCredit(wallet.id(), amountMinor, Long.MAX_VALUE)).isTrue();
        assertThat(ledger.submit(List.of(TransferRequest.of("test-fund-" + UUID.randomUUID(),
                CompanyAccounts.safeguarding(wallet.currency()), wallet.ledgerAccountId(), amountMinor))))
                .allMatch(r -> r.outcome() == TransferOutcome.CREATED);
    }

    long balance(Wallet wallet) {
        return ledger.account(wallet.ledgerAccountId()).orElseThrow().balance().net();
    }

    long feeRevenue() {
        return ledger.account(CompanyAccounts.feeRevenue("EUR")).orElseThrow().balance().net();
    }
}
