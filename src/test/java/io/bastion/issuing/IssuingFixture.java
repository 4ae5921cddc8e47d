package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.TotpFixture;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.vault.CardNumber;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.wallet.Wallet;
import io.bastion.wallet.Wallets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Cardholders with a funded EUR wallet and a card, and authorizations with the card's real details. */
final class IssuingFixture {

    final TotpFixture people;
    final Wallets wallets;
    final Ledger ledger;
    final Cards cards;
    final Issuing issuing;

    IssuingFixture(ApplicationContext context) {
        this.people = new TotpFixture(context);
        this.wallets = context.getBean(Wallets.class);
        this.ledger = context.getBean(Ledger.class);
        this.cards = context.getBean(Cards.class);
        this.issuing = context.getBean(Issuing.class);
    }

    /** A cardholder, their EUR wallet, a card on it and the card's details as the cardholder would see them. */
    record Holder(TotpFixture.Customer customer, Wallet wallet, Card card, RevealedCard details) {
        String id() {
            return customer.id();
        }
    }

    Holder holder(long fundedMinor) {
        TotpFixture.Customer customer = people.verifiedCustomer();
        Wallet wallet = wallets.openWallets(customer.id()).stream().filter(w -> w.currency().equals("EUR")).findFirst()
                .orElseThrow();
        if (fundedMinor > 0) {
            fund(wallet, fundedMinor);
        }
        CardResult created = cards.create(customer.id(), wallet.id(), "127.0.0.1");
        assertThat(created.rejection()).isNull();
        return new Holder(customer, wallet, created.card(),
                cards.reveal(customer.id(), created.card().id(), "127.0.0.1").orElseThrow());
    }

    void fund(Wallet wallet, long amountMinor) {
        assertThat(ledger.submit(List.of(TransferRequest.of("test-fund-" + UUID.randomUUID(),
                "sys-safeguarding-" + wallet.currency(), wallet.ledgerAccountId(), amountMinor))))
                .allMatch(r -> r.outcome() == TransferOutcome.CREATED);
    }

    /** The wallet's posted balance minus what is held. */
    long available(Wallet wallet) {
        var balance = ledger.account(wallet.ledgerAccountId()).orElseThrow().balance();
        return balance.net() - balance.debitsPending();
    }

    long posted(Wallet wallet) {
        return ledger.account(wallet.ledgerAccountId()).orElseThrow().balance().net();
    }

    static String authorizationId() {
        return "auth_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** An in-store (card present, no 3-D Secure needed) payment with the card's number and expiry, no CVV2. */
    static AuthorizationRequest inStore(Holder h, long amountMinor, String country, String mcc) {
        return new AuthorizationRequest(authorizationId(), CardNumber.of(h.details().number()), null,
                Optional.of(Expiry.parse(h.details().expiry())), Optional.empty(), amountMinor, "EUR", "Corner Shop",
                country, mcc, false, Optional.empty());
    }

    /** An online payment with number, expiry, CVV2 and an authenticated 3-D Secure result. */
    static AuthorizationRequest online(Holder h, long amountMinor, String cvv) {
        return AuthorizationRequest.online(authorizationId(), CardNumber.of(h.details().number()),
                Expiry.parse(h.details().expiry()), Cvv.of(cvv), amountMinor, "EUR", "Web Shop", "GB", "5999",
                ThreeDsResult.authenticated("05"));
    }
}
