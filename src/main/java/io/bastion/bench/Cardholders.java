package io.bastion.bench;

import io.bastion.acquiring.CaptureMethod;
import io.bastion.acquiring.NewPaymentIntent;
import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentOutcome;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.ThreeDsOutcome;
import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.Registration;
import io.bastion.issuing.CardControls;
import io.bastion.issuing.CardResult;
import io.bastion.issuing.Cards;
import io.bastion.issuing.RevealedCard;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import io.bastion.notification.DevInbox;
import io.bastion.threeds.ChallengeOutcome;
import io.bastion.threeds.ThreeDsChallenges;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import io.bastion.wallet.Wallet;
import io.bastion.wallet.Wallets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;

/**
 * Makes the payment bench's people through the public APIs, as they would come to Bastion: a merchant that
 * signs up as a business, and cardholders who sign up, verify their e-mail and phone with the codes from the
 * dev inbox, get an EUR wallet funded from safeguarding and a card, and pay the merchant once with a 3-D Secure
 * challenge (the SMS code from the dev inbox), after which their device is known and payments are frictionless.
 */
final class Cardholders {

    static final String CURRENCY = "EUR";
    /** Funds per wallet: far more than the bench spends, so no payment is declined for funds. */
    static final long FUNDS_MINOR = 100_000_000L;
    static final long FIRST_PAYMENT_MINOR = 1_000;
    static final Duration CVV_HELD_MAX = Duration.ofMinutes(15);
    static final int SETUP_THREADS = 4;
    static final long SETUP_WAIT_MAX_SECONDS = 600;
    static final String RETURN_URL = "https://shop.example/thanks";
    private static final Pattern CODE = Pattern.compile("is ([0-9]{6})\\.");

    /** A cardholder as the bench uses them: the card's details as they would type them, and their browser. */
    record Cardholder(String userId, String email, String phone, String number, Expiry expiry, String cvv, String name,
                      String deviceId) {

        @Override
        public String toString() {
            return "Cardholder[" + userId + "]";
        }
    }

    private final Registration registration;
    private final BusinessApiKeys businesses;
    private final DevInbox inbox;
    private final Wallets wallets;
    private final Ledger ledger;
    private final Cards cards;
    private final Vault vault;
    private final PaymentIntents intents;
    private final ThreeDsChallenges challenges;
    private final String baseUrl;
    private final String run;

    Cardholders(ApplicationContext context, String baseUrl, String run) {
        this.registration = context.getBean(Registration.class);
        this.businesses = context.getBean(BusinessApiKeys.class);
        this.inbox = context.getBean(DevInbox.class);
        this.wallets = context.getBean(Wallets.class);
        this.ledger = context.getBean(Ledger.class);
        this.cards = context.getBean(Cards.class);
        this.vault = context.getBean(Vault.class);
        this.intents = context.getBean(PaymentIntents.class);
        this.challenges = context.getBean(ThreeDsChallenges.class);
        this.baseUrl = baseUrl;
        this.run = run;
    }

    /** Signs a business up and answers its id, the merchant id payments are made to. */
    String merchant() {
        String owner = signUp(true, 0);
        return businesses.memberships(owner).getFirst().businessId();
    }

    /** Makes the cardholders, each with one challenged payment at the merchant already done. */
    List<Cardholder> cardholders(String merchantId, int count) throws Exception {
        List<Cardholder> made = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS)) {
            List<Future<Cardholder>> futures = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                int n = i;
                futures.add(pool.submit(() -> cardholder(merchantId, n)));
            }
            for (Future<Cardholder> future : futures) {
                made.add(future.get(SETUP_WAIT_MAX_SECONDS, TimeUnit.SECONDS));
            }
        }
        return made;
    }

    private Cardholder cardholder(String merchantId, int n) {
        String userId = signUp(false, n);
        Wallet wallet = wallets.openWallets(userId).stream().filter(w -> w.currency().equals(CURRENCY)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no EUR wallet for a verified customer"));
        List<TransferResult> funded = ledger.submit(List.of(TransferRequest.of(
                "bench-fund-" + UUID.randomUUID(), "sys-safeguarding-" + CURRENCY, wallet.ledgerAccountId(), FUNDS_MINOR)));
        if (funded.getFirst().outcome() != TransferOutcome.CREATED) {
            throw new IllegalStateException("funding refused: " + funded.getFirst().outcome());
        }
        String ip = ip(n);
        CardResult created = cards.create(userId, wallet.id(), ip);
        if (created.rejection() != null) {
            throw new IllegalStateException("card refused: " + created.rejection());
        }
        // The highest daily limit, so that the bench's many small payments never reach it.
        CardControls controls = new CardControls(true, CardControls.TRANSACTION_LIMIT_DEFAULT_MINOR,
                CardControls.LIMIT_MAX_MINOR, List.of(), List.of());
        Optional<CardControls.ControlRejection> rejected = cards.updateControls(userId, created.card().id(), controls, ip);
        if (rejected.isPresent()) {
            throw new IllegalStateException("controls refused: " + rejected.get());
        }
        RevealedCard card = cards.reveal(userId, created.card().id(), ip).orElseThrow();
        Cardholder holder = new Cardholder(userId, email(n), phone(n), card.number(), Expiry.parse(card.expiry()),
                card.cvv(), card.cardholderName(), "dev_bench_" + run + "_" + n);
        firstPayment(merchantId, holder);
        return holder;
    }

    /** Pays with a challenge: the ACS texts a code, the cardholder types it, and the device becomes known. */
    private void firstPayment(String merchantId, Cardholder holder) {
        PaymentIntent intent = intents.create(merchantId, intent(FIRST_PAYMENT_MINOR, holder, "first"));
        PaymentOutcome outcome = payOnPage(intent, holder);
        if (outcome.intent() == null || outcome.intent().status() != PaymentStatus.REQUIRES_ACTION) {
            throw new IllegalStateException("the first payment was not challenged: " + outcome);
        }
        ThreeDsOutcome threeDs = outcome.intent().threeDs();
        ChallengeOutcome answer = challenges.respond("""
                {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
                 "challengeWindowSize":"05","challengeDataEntry":"%s"}""".formatted(threeDs.threeDSServerTransID(),
                threeDs.acsTransID(), code(holder.phone())));
        if (answer.cres() == null || !"Y".equals(answer.cres().transStatus())) {
            throw new IllegalStateException("the challenge failed: " + answer.prompt());
        }
        PaymentOutcome resumed = intents.resumeAfterChallenge(intent.id());
        if (resumed.intent() == null || resumed.intent().status() != PaymentStatus.SUCCEEDED) {
            throw new IllegalStateException("the first payment did not succeed: " + resumed);
        }
    }

    /** A new intent as the merchant's shop makes it. */
    NewPaymentIntent intent(long amountMinor, Cardholder holder, String reference) {
        return new NewPaymentIntent(amountMinor, CURRENCY, "Bench order", "bench-" + reference, CaptureMethod.AUTOMATIC,
                holder.email(), RETURN_URL, false);
    }

    /** What the hosted payment page does with the card the customer typed (see CheckoutController.pay). */
    PaymentOutcome payOnPage(PaymentIntent intent, Cardholder holder) {
        return press(intent, typeCard(holder), holder);
    }

    /** What the hosted page does with the typed card before anything is paid: vault token and held CVV2. */
    CardToken typeCard(Cardholder holder) {
        CardToken token = vault.tokenize(CardNumber.of(holder.number()), holder.expiry(), holder.name(),
                TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of(holder.cvv()), CVV_HELD_MAX);
        return token;
    }

    /** The customer presses Pay on the hosted page with the card already typed. */
    PaymentOutcome press(PaymentIntent intent, CardToken token, Cardholder holder) {
        return intents.payOnPage(intent.checkoutId(), token, holder.deviceId(), null,
                baseUrl + "/pay/" + intent.checkoutId() + "/threeds");
    }

    /** An intent with manual capture: paying it authorizes (holds) and captures nothing. */
    NewPaymentIntent authorizationIntent(long amountMinor, Cardholder holder, String reference) {
        NewPaymentIntent automatic = intent(amountMinor, holder, reference);
        return new NewPaymentIntent(automatic.amount(), automatic.currency(), automatic.description(),
                automatic.merchantReference(), CaptureMethod.MANUAL, automatic.customerEmail(), automatic.returnUrl(),
                automatic.offerToSaveCard());
    }

    /** Signs up with the registration form's rules and verifies with the codes sent; answers the user id. */
    private String signUp(boolean business, int n) {
        String email = email(n);
        String phone = phone(n);
        Registration.Outcome outcome = registration.signUp(new Registration.SignUp(business,
                business ? "Bench Shop " + run : null, (business ? "Bench Merchant " : "Bench Cardholder ") + n, email,
                phone, "bench " + UUID.randomUUID()), ip(n));
        if (!(outcome instanceof Registration.Outcome.CodesSent(Optional<String> userId)) || userId.isEmpty()) {
            throw new IllegalStateException("sign-up refused: " + outcome);
        }
        if (!registration.verify(userId.get(), code(email), code(phone), ip(n))) {
            throw new IllegalStateException("verification refused");
        }
        return userId.get();
    }

    private String code(String recipient) {
        String body = inbox.newestTo(recipient).getFirst().body();
        Matcher m = CODE.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no code in the newest message to the cardholder");
        }
        return m.group(1);
    }

    private String email(int n) {
        return "bench-" + run + "-" + n + "@example.com";
    }

    /** A UK mobile number unique to this run and person (rate limits count per phone). */
    private String phone(int n) {
        return String.format(Locale.ROOT, "+447%05d%04d", Integer.remainderUnsigned(Integer.parseUnsignedInt(run, 16), 100_000), n);
    }

    /** An address per run and person: sign-up is rate limited per address, and a data directory may be reused. */
    private String ip(int n) {
        return "10." + Integer.remainderUnsigned(Integer.parseUnsignedInt(run, 16), 250) + "." + n / 256 + "." + n % 256;
    }
}
