package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.TotpFixture;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.notification.DevInbox;
import io.bastion.threeds.ARes;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.ChallengeOutcome;
import io.bastion.threeds.ParseResult;
import io.bastion.threeds.ThreeDsChallenges;
import io.bastion.threeds.ThreeDsServer;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import io.bastion.wallet.Wallet;
import io.bastion.wallet.Wallets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;

/** Cardholders with a funded EUR wallet and a card, and authorizations with the card's real details. */
public final class IssuingFixture {

    static final String MERCHANT_ID = "biz_issuingtests";
    static final String DEVICE = "dev_issuingtests";
    private static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");

    public final TotpFixture people;
    public final Wallets wallets;
    public final Ledger ledger;
    public final Cards cards;
    public final Issuing issuing;
    public final Vault vault;
    public final ThreeDsServer threeDsServer;
    public final ThreeDsChallenges challenges;
    public final DevInbox inbox;

    public IssuingFixture(ApplicationContext context) {
        this.people = new TotpFixture(context);
        this.wallets = context.getBean(Wallets.class);
        this.ledger = context.getBean(Ledger.class);
        this.cards = context.getBean(Cards.class);
        this.issuing = context.getBean(Issuing.class);
        this.vault = context.getBean(Vault.class);
        this.threeDsServer = context.getBean(ThreeDsServer.class);
        this.challenges = context.getBean(ThreeDsChallenges.class);
        this.inbox = context.getBean(DevInbox.class);
    }

    /** A cardholder, their EUR wallet, a card on it and the card's details as the cardholder would see them. */
    public record Holder(TotpFixture.Customer customer, Wallet wallet, Card card, RevealedCard details) {
        public String id() {
            return customer.id();
        }
    }

    public Holder holder(long fundedMinor) {
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
    public long available(Wallet wallet) {
        var balance = ledger.account(wallet.ledgerAccountId()).orElseThrow().balance();
        return balance.net() - balance.debitsPending();
    }

    public long posted(Wallet wallet) {
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

    /**
     * An online payment with number, expiry and CVV2, authenticated by real 3-D Secure first: the payment page's
     * one-off token goes through the Directory Server to Bastion's ACS (frictionless once the device is known).
     */
    AuthorizationRequest online(Holder h, long amountMinor, String cvv) {
        CardToken oneOff = oneOffToken(h);
        return AuthorizationRequest.online(authorizationId(), CardNumber.of(h.details().number()),
                Expiry.parse(h.details().expiry()), Cvv.of(cvv), amountMinor, "EUR", "Web Shop", "GB", "5999",
                authenticated(h, oneOff, amountMinor, MERCHANT_ID));
    }

    /** The token the hosted payment page makes when the cardholder types the card. */
    CardToken oneOffToken(Holder h) {
        return vault.tokenize(CardNumber.of(h.details().number()), Expiry.parse(h.details().expiry()),
                h.details().cardholderName(), TokenPurpose.ONE_OFF_PAYMENT);
    }

    /**
     * A frictionless 3-D Secure result with a real authentication value for this token, amount and merchant
     * (at most the ACS's frictionless amount). The first purchase at a merchant from the test device is
     * challenged; the code from the SMS completes it, and the now known device makes the next one frictionless.
     */
    ThreeDsResult authenticated(Holder h, CardToken token, long amountMinor, String merchantId) {
        ARes ares = areq(token, amountMinor, merchantId);
        if ("C".equals(ares.transStatus())) {
            ChallengeOutcome outcome = challenges.respond(creq(ares, "\"challengeDataEntry\":\"" + otp(h) + "\""));
            assertThat(outcome.cres().transStatus()).isEqualTo("Y");
            ares = areq(token, amountMinor, merchantId);
        }
        assertThat(ares.transStatus()).as("3-D Secure answer").isEqualTo("Y");
        return new ThreeDsResult(ares.transStatus(), ares.eci(), ares.dsTransID(), ares.authenticationValue(),
                token.value(), merchantId, ThreeDsResult.FRICTIONLESS);
    }

    /** Sends an AReq for the purchase from the test device and answers the ARes. */
    ARes areq(CardToken token, long amountMinor, String merchantId) {
        ParseResult<ARes> answer = threeDsServer.authenticate(new ThreeDsServer.Purchase(new AccountToken(token.value()),
                amountMinor, "978", 2, merchantId, "Web Shop", "5999", "826", DEVICE, null));
        assertThat(answer).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid<ARes>) answer).message();
    }

    private String otp(Holder h) {
        Matcher m = OTP.matcher(inbox.newestTo(h.customer().phone()).getFirst().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String creq(ARes ares, String extra) {
        return """
                {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
                 "challengeWindowSize":"05",%s}""".formatted(ares.threeDSServerTransID(), ares.acsTransID(), extra);
    }
}
