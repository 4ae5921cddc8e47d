package io.bastion.acquiring;

import io.bastion.ledger.TransferOutcome;
import io.bastion.shared.Secret;
import io.bastion.threeds.ChallengeResult;
import io.bastion.threeds.ThreeDsServer;
import io.bastion.vault.CardDetails;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.DetokenizationPurpose;
import io.bastion.vault.Expiry;
import io.bastion.vault.MaskedCard;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The acquiring facade: merchants create, confirm, capture, cancel and refund payment intents. Every call
 * is scoped to the merchant, so another merchant's id is simply not found. A network exception or timeout
 * leaves the intent processing with its outcome unknown, never approved; {@link UnknownOutcomes} settles it.
 */
@Service
public final class PaymentIntents {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentIntents.class);
    /** The actor the vault's audit log names for detokenizations on the authorization path. */
    static final String ACTOR = "acquiring";

    private final IntentStore store;
    private final CardRouting routing;
    private final PaymentPostings postings;
    private final PaymentEvents events;
    private final TransactionTemplate transactions;
    private final Vault vault;
    private final PaymentAuthentication authentication;
    private final ThreeDsServer threeDsServer;
    private final Merchants merchants;
    private final SavedCards savedCards;
    private final String publicUrl;
    private final Duration checkoutLifetime;
    private final Clock clock;

    PaymentIntents(IntentStore store, CardRouting routing, PaymentPostings postings, PaymentEvents events,
                   TransactionTemplate transactions, Vault vault, PaymentAuthentication authentication,
                   ThreeDsServer threeDsServer, Merchants merchants, SavedCards savedCards,
                   @Value("${bastion.public-url:https://localhost:8443}") String publicUrl,
                   @Value("${bastion.acquiring.checkout-lifetime:PT24H}") Duration checkoutLifetime, Clock clock) {
        if (checkoutLifetime.compareTo(CHECKOUT_LIFETIME_MIN) < 0 || checkoutLifetime.compareTo(CHECKOUT_LIFETIME_MAX) > 0) {
            throw new IllegalArgumentException("bastion.acquiring.checkout-lifetime must be 30 minutes to 24 hours");
        }
        this.checkoutLifetime = checkoutLifetime;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.threeDsServer = Objects.requireNonNull(threeDsServer, "threeDsServer");
        this.merchants = Objects.requireNonNull(merchants, "merchants");
        this.savedCards = Objects.requireNonNull(savedCards, "savedCards");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.store = Objects.requireNonNull(store, "store");
        this.routing = Objects.requireNonNull(routing, "routing");
        this.postings = Objects.requireNonNull(postings, "postings");
        this.events = Objects.requireNonNull(events, "events");
    }

    /** The shortest and longest a hosted payment page may stay open (bastion.acquiring.checkout-lifetime). */
    static final Duration CHECKOUT_LIFETIME_MIN = Duration.ofMinutes(30);
    static final Duration CHECKOUT_LIFETIME_MAX = Duration.ofHours(24);

    /**
     * When the intent's hosted payment page stops taking cards: its creation plus the checkout lifetime. An
     * intent still waiting for a card past it can no longer be paid on the page (the merchant makes a new one).
     */
    public Optional<Instant> checkoutExpiresAt(PaymentIntent intent) {
        return intent.checkoutId() == null ? Optional.empty() : Optional.of(intent.createdAt().plus(checkoutLifetime));
    }

    /** True when the intent waits for a card and its hosted page has expired. */
    public boolean checkoutExpired(PaymentIntent intent) {
        return intent.status() == PaymentStatus.REQUIRES_PAYMENT_METHOD
                && checkoutExpiresAt(intent).filter(at -> !clock.instant().isBefore(at)).isPresent();
    }

    /** Creates an intent awaiting its payment method. */
    public PaymentIntent create(String merchantId, NewPaymentIntent request) {
        return store.insert(merchantId, request);
    }

    /** The merchant's intent, if it exists and is theirs. */
    public Optional<PaymentIntent> find(String merchantId, String id) {
        return store.find(merchantId, id);
    }

    /** A page of the merchant's intents, newest first. */
    public IntentPage list(String merchantId, IntentFilter filter) {
        if (filter.limit() < 1 || filter.limit() > IntentFilter.PAGE_MAX) {
            throw new IllegalArgumentException("limit must be 1 to " + IntentFilter.PAGE_MAX);
        }
        return store.list(merchantId, filter);
    }

    /**
     * Confirms with a test payment-method token (docs/test-cards.md): the test card goes into the vault like
     * a typed card, then 3-D Secure and the network decide exactly as for the hosted page. A challenge leaves
     * the intent requires_action; the customer completes it on the hosted payment page.
     */
    public PaymentOutcome confirm(String merchantId, String id, String paymentMethod) {
        Optional<PaymentIntent> found = store.find(merchantId, id);
        if (found.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.NOT_FOUND);
        }
        Optional<TestCard> test = TestCard.byToken(paymentMethod);
        if (test.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.PAYMENT_METHOD_MUST_BE_A_TEST_TOKEN);
        }
        if (found.get().status() != PaymentStatus.REQUIRES_PAYMENT_METHOD) {
            return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        CardToken token = vault.tokenize(CardNumber.of(test.get().number()), new Expiry(12, TestCard.EXPIRY_YEAR),
                "Test cardholder", TokenPurpose.ONE_OFF_PAYMENT);
        return pay(found.get(), new CardPayment(token, paymentMethod, null, null, publicUrl + "/pay/"
                + found.get().checkoutId() + "/threeds"));
    }

    /**
     * A card typed on the hosted payment page, already in the vault. {@code saveConsentIp} is the customer's
     * address when they ticked "save this card" (null otherwise); {@code notificationUrl} is where the challenge
     * page returns the customer. The intent is found and claimed in one statement.
     */
    public PaymentOutcome payOnPage(String checkoutId, CardToken token, String deviceId, String saveConsentIp,
                                    String notificationUrl) {
        Optional<Routed> routed = route(token);
        Optional<PaymentIntent> claimed = routed.flatMap(r -> store.claimCheckout(checkoutId,
                clock.instant().minus(checkoutLifetime), token.value(), r.brand(), r.card().last4(), r.connector().name()));
        PaymentOutcome outcome = claimed.isPresent()
                ? pay(claimed.get(), new CardPayment(token, null, deviceId, saveConsentIp, notificationUrl), routed.get())
                : PaymentOutcome.refused(whyNotClaimed(checkoutId, routed.isPresent()));
        if (!outcome.ok()) {
            // Refused before the card reached a network: the CVV2 the page holds for it is destroyed now.
            vault.takeCvv(token).ifPresent(Cvv::wipe);
        }
        return outcome;
    }

    /** Why a hosted page's intent could not be claimed for a payment, in the order the page explains it. */
    private PaymentRejection whyNotClaimed(String checkoutId, boolean cardSupported) {
        Optional<PaymentIntent> found = store.byCheckout(checkoutId);
        return found.isEmpty() ? PaymentRejection.NOT_FOUND
                : checkoutExpired(found.get()) ? PaymentRejection.CHECKOUT_MUST_NOT_HAVE_EXPIRED
                : !cardSupported ? PaymentRejection.CARD_MUST_BE_SUPPORTED
                : PaymentRejection.STATUS_MUST_ALLOW_OPERATION;
    }

    /** The intent behind a hosted payment page. */
    public Optional<PaymentIntent> byCheckout(String checkoutId) {
        return store.byCheckout(checkoutId);
    }

    private record CardPayment(CardToken token, String paymentMethod, String deviceId, String saveConsentIp,
                               String notificationUrl) {
    }

    /** A card the vault knows and the connector that takes it. */
    private record Routed(MaskedCard card, CardNetworkConnector connector) {

        String brand() {
            return card.brand().name().toLowerCase(Locale.ROOT);
        }
    }

    /** The card behind the token and its connector; empty when the vault does not know it or no connector takes it. */
    private Optional<Routed> route(CardToken token) {
        MaskedCard card;
        try {
            card = vault.masked(token);
        } catch (NoSuchElementException e) {
            return Optional.empty();
        }
        return routing.route(card.first6()).map(connector -> new Routed(card, connector));
    }

    /** Pays an intent found by id: claims it for the card, then as {@link #pay(PaymentIntent, CardPayment, Routed)}. */
    private PaymentOutcome pay(PaymentIntent intent, CardPayment p) {
        Optional<Routed> routed = route(p.token());
        if (routed.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.CARD_MUST_BE_SUPPORTED);
        }
        Routed r = routed.get();
        if (!store.startConfirm(intent.id(), p.paymentMethod(), p.token().value(), r.brand(), r.card().last4(),
                r.connector().name())) {
            return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        return pay(intent, p, r);
    }

    /**
     * Pays an intent already claimed for the card: 3-D Secure, then the network. What 3-D Secure said is recorded
     * with the intent's next move, in the same statement; for a network outside Bastion it is recorded before the
     * card is sent (see {@link CardNetworkConnector#leavesBastion()}).
     */
    private PaymentOutcome pay(PaymentIntent intent, CardPayment p, Routed r) {
        NetworkAuthorization.Merchant merchant = merchants.of(intent.merchantId());
        if (p.saveConsentIp() != null && intent.saveCardOffered()) {
            savedCards.consent(intent, p.token(), r.card(), merchant.name(), p.saveConsentIp());
        }
        PaymentAuthentication.Step step = authentication.authenticate(intent, p.token(), merchant, p.deviceId(),
                p.notificationUrl());
        ThreeDsOutcome threeDs = step.outcome();
        if (step instanceof PaymentAuthentication.Challenge) {
            return PaymentOutcome.of(latest(intent, transitioned(intent.id(), PaymentStatus.REQUIRES_ACTION,
                    new IntentStore.Change(null, null, null, null, false, threeDs))));
        }
        if (step instanceof PaymentAuthentication.Refused) {
            return PaymentOutcome.of(latest(intent, fail(intent, "authentication_failed", threeDs)));
        }
        if (r.connector().leavesBastion()) {
            store.recordThreeDs(intent.id(), threeDs);
            threeDs = null;
        }
        NetworkAuthorization.Authentication authenticated = step instanceof PaymentAuthentication.Frictionless f
                ? f.authentication() : null;
        return authorize(intent, p.token(), r.card(), r.connector(), merchant, authenticated, threeDs);
    }

    /**
     * Carries on after a 3-D Secure challenge once the 3DS Server has the RReq's result: authenticated goes to
     * the network with the authentication value, anything else fails the payment. Safe to call repeatedly and
     * concurrently (the hosted page and the job both do): only one caller moves the intent on.
     */
    public PaymentOutcome resumeAfterChallenge(String intentId) {
        Optional<PaymentIntent> found = store.byId(intentId);
        if (found.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.NOT_FOUND);
        }
        PaymentIntent intent = found.get();
        String serverTransID = intent.threeDs().threeDSServerTransID();
        if (intent.status() != PaymentStatus.REQUIRES_ACTION || serverTransID == null) {
            return PaymentOutcome.of(intent);
        }
        Optional<ChallengeResult> result = threeDsServer.result(serverTransID);
        if (result.isEmpty()) {
            return PaymentOutcome.of(intent);
        }
        ChallengeResult r = result.get();
        boolean shift = PaymentAuthentication.liabilityShift(r.transStatus(), r.eci());
        if (!r.authenticated()) {
            if (transition(intentId, PaymentStatus.FAILED, new IntentStore.Change(null, challengeFailure(r), null, null, false))) {
                store.recordThreeDs(intentId, ThreeDsOutcome.of(r.transStatus(), PaymentAuthentication.FLOW_CHALLENGE,
                        r.eci(), false));
                ended(intentId);
            }
            return PaymentOutcome.of(store.byId(intentId).orElseThrow());
        }
        if (!store.move(intentId, PaymentStatus.PROCESSING, new IntentStore.Change(null, null, null, null, true))) {
            return PaymentOutcome.of(store.byId(intentId).orElseThrow());
        }
        store.recordThreeDs(intentId, ThreeDsOutcome.of("Y", PaymentAuthentication.FLOW_CHALLENGE, r.eci(), shift));
        Optional<CardNetworkConnector> connector = store.connector(intentId).flatMap(routing::byName);
        if (connector.isEmpty()) {
            fail(intent, "card_not_supported");
            return PaymentOutcome.of(store.byId(intentId).orElseThrow());
        }
        String token = store.cardToken(intentId).orElseThrow();
        return authorize(intent, new CardToken(token), null, connector.get(), merchants.of(intent.merchantId()),
                new NetworkAuthorization.Authentication("Y", r.eci(), r.dsTransID(), r.authenticationValue(), token,
                        PaymentAuthentication.FLOW_CHALLENGE), null);
    }

    private static String challengeFailure(ChallengeResult r) {
        return switch (r.challengeCancel() == null ? "" : r.challengeCancel()) {
            case "01" -> "authentication_canceled";
            case "04", "05" -> "authentication_timed_out";
            default -> "authentication_failed";
        };
    }

    /**
     * Sends the authorization to the network and applies its answer; an exception leaves the outcome unknown.
     * {@code intent} may be as it stood before confirmation: what the network and the ledger need of it (amount,
     * currency, merchant, capture method) no longer changes. {@code masked} is the card when already read;
     * {@code threeDs} is what 3-D Secure said when not yet recorded (null when it is).
     */
    private PaymentOutcome authorize(PaymentIntent intent, CardToken token, MaskedCard masked,
                                     CardNetworkConnector connector, NetworkAuthorization.Merchant merchant,
                                     NetworkAuthorization.Authentication authentication, ThreeDsOutcome threeDs) {
        String id = intent.id();
        NetworkResult result;
        try {
            NetworkCard card = networkCard(connector, token, masked);
            result = connector.authorize(new NetworkAuthorization(id, card, intent.amount(), intent.currency(),
                    merchant, authentication));
        } catch (RuntimeException e) {
            // Fail closed: the network may or may not have approved, so the job asks it again later.
            LOG.warn("card network {} failed to answer for {}: {}", connector.name(), id, e.getClass().getSimpleName());
            result = new NetworkResult.Unknown(e.getClass().getSimpleName());
        }
        return PaymentOutcome.of(settle(intent, result, threeDs));
    }

    /**
     * The card as the connector needs it: the number only for a connector that asks for it (detokenized for
     * AUTHORIZATION, which the vault audits), the CVV2 the cardholder typed if the vault still holds it.
     */
    private NetworkCard networkCard(CardNetworkConnector connector, CardToken token, MaskedCard known) {
        // A CVV2 for an outside network is gone for good before it is sent; on-us, acquiring's last move is a
        // synchronous commit that follows, so its deletion need not wait for the disk.
        Optional<Cvv> held = connector.leavesBastion() ? vault.takeCvv(token)
                : vault.takeCvvCommittingLater(token);
        Secret cvv = held.map(c -> {
            Secret s = new Secret(c.digits());
            c.wipe();
            return s;
        }).orElse(null);
        if (!connector.needsCardNumber()) {
            MaskedCard masked = known != null ? known : vault.masked(token);
            return new NetworkCard(null, masked.expiryMonth(), masked.expiryYear(), token.value(), cvv);
        }
        CardDetails details = vault.detokenize(token, DetokenizationPurpose.AUTHORIZATION, ACTOR, "");
        return new NetworkCard(new Secret(details.number().digits()), details.expiry().month(), details.expiry().year(),
                token.value(), cvv);
    }

    /** Applies a network answer to an intent that is processing; answers the intent as it then stands. */
    PaymentIntent settle(PaymentIntent intent, NetworkResult result) {
        return settle(intent, result, null);
    }

    /** As {@link #settle(PaymentIntent, NetworkResult)}, recording also what 3-D Secure said when not null. */
    private PaymentIntent settle(PaymentIntent intent, NetworkResult result, ThreeDsOutcome threeDs) {
        Optional<PaymentIntent> after = switch (result) {
            case NetworkResult.Approved approved -> approve(intent, approved, threeDs);
            case NetworkResult.Declined declined ->
                    fail(intent, declined.reason().name().toLowerCase(java.util.Locale.ROOT), threeDs);
            case NetworkResult.Unknown unknown -> {
                LOG.info("outcome of {} unknown: {}", intent.id(), unknown.detail());
                if (threeDs != null) {
                    store.recordThreeDs(intent.id(), threeDs);
                }
                yield Optional.empty();
            }
        };
        return latest(intent, after);
    }

    /** The intent as a move left it, or as it stands now when it did not move. */
    private PaymentIntent latest(PaymentIntent intent, Optional<PaymentIntent> moved) {
        return moved.orElseGet(() -> store.byId(intent.id()).orElseThrow());
    }

    /**
     * The network approved. A manual capture places the hold and waits; an automatic one moves the money to the
     * merchant at once in one linked ledger chain (with the fee and, on-us, the netting). If the ledger refuses,
     * the network's authorization is reversed and the payment fails: no money moved, none is owed.
     */
    private Optional<PaymentIntent> approve(PaymentIntent intent, NetworkResult.Approved approved, ThreeDsOutcome threeDs) {
        TransferOutcome moved = intent.captureMethod() == CaptureMethod.MANUAL ? postings.authorize(intent)
                : postings.captureNow(intent, issuerSettlement(intent));
        if (!moved.ok()) {
            LOG.error("ledger refused the approved payment {}: {}", intent.id(), moved);
            tellNetwork(intent, c -> c.reverse(intent.id()));
            return fail(intent, "ledger_" + moved.name().toLowerCase(java.util.Locale.ROOT), threeDs);
        }
        if (intent.saveCardOffered()) {
            savedCards.activate(store.byId(intent.id()).orElseThrow(), approved.reference());
        }
        if (intent.captureMethod() == CaptureMethod.MANUAL) {
            return transitioned(intent.id(), PaymentStatus.REQUIRES_CAPTURE,
                    new IntentStore.Change(approved.reference(), null, null, null, false, threeDs));
        }
        tellNetwork(intent, c -> c.capture(intent.id(), intent.amount(), intent.currency()));
        return transitioned(intent.id(), PaymentStatus.SUCCEEDED, new IntentStore.Change(approved.reference(), null,
                intent.amount(), postings.fee(intent.amount()), false, threeDs));
    }

    /** The issuer's settlement account when the payment went on-us, which acquiring's ledger chains net against. */
    private Optional<String> issuerSettlement(PaymentIntent intent) {
        return store.connector(intent.id()).flatMap(routing::byName).flatMap(c -> c.issuerSettlementAccount(intent.currency()));
    }

    private Optional<PaymentIntent> fail(PaymentIntent intent, String reason) {
        return fail(intent, reason, null);
    }

    /** Fails the payment, recording also what 3-D Secure said when not null. */
    private Optional<PaymentIntent> fail(PaymentIntent intent, String reason, ThreeDsOutcome threeDs) {
        Optional<PaymentIntent> failed = transitioned(intent.id(), PaymentStatus.FAILED,
                new IntentStore.Change(null, reason, null, null, false, threeDs));
        ended(intent.id());
        return failed;
    }

    /** A payment that will not be authorized: its saved card is discarded and a CVV2 still held is destroyed. */
    private void ended(String intentId) {
        savedCards.discard(intentId);
        store.cardToken(intentId).ifPresent(t -> vault.takeCvv(new CardToken(t)).ifPresent(Cvv::wipe));
    }

    /** Captures all ({@code amount} null) or part of an authorized intent; the rest of the hold is released. */
    public PaymentOutcome capture(String merchantId, String id, Long amount) {
        Optional<PaymentIntent> found = store.find(merchantId, id);
        if (found.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.NOT_FOUND);
        }
        PaymentIntent intent = found.get();
        if (intent.status() != PaymentStatus.REQUIRES_CAPTURE) {
            return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        long captured = amount == null ? intent.amount() : amount;
        if (captured > intent.amount()) {
            return PaymentOutcome.refused(PaymentRejection.AMOUNT_MUST_NOT_EXCEED_AUTHORIZED);
        }
        TransferOutcome posted = postings.capture(intent, captured, issuerSettlement(intent));
        if (!posted.ok()) {
            return PaymentOutcome.refused(posted == TransferOutcome.EXISTS_WITH_DIFFERENT_AMOUNT
                    ? PaymentRejection.STATUS_MUST_ALLOW_OPERATION : PaymentRejection.LEDGER_REFUSED);
        }
        tellNetwork(intent, c -> c.capture(id, captured, intent.currency()));
        transition(id, PaymentStatus.SUCCEEDED, new IntentStore.Change(null, null, captured, postings.fee(captured), false));
        return PaymentOutcome.of(store.byId(id).orElseThrow());
    }

    /**
     * Sends a follow-up (capture, reversal, refund) to the intent's network after the ledger moved. A failure
     * is logged for operations to repeat; the ledger, not the network's acknowledgement, is the record.
     */
    private void tellNetwork(PaymentIntent intent, java.util.function.Consumer<CardNetworkConnector> call) {
        Optional<CardNetworkConnector> connector = store.connector(intent.id()).flatMap(routing::byName);
        try {
            connector.ifPresent(call);
        } catch (RuntimeException e) {
            LOG.error("card network follow-up for {} failed: {}", intent.id(), e.getClass().getSimpleName());
        }
    }

    /** Moves the intent and records its event in one transaction; false when the table refuses the move now. */
    private boolean transition(String id, PaymentStatus next, IntentStore.Change change) {
        return transitioned(id, next, change).isPresent();
    }

    /**
     * Moves the intent and records its event in one transaction; answers the moved intent, empty if it did not move.
     * A move that records no event (to requires_capture, say) is one statement, which needs no transaction of its own.
     */
    private Optional<PaymentIntent> transitioned(String id, PaymentStatus next, IntentStore.Change change) {
        if (!PaymentEvents.recordsEvents(next)) {
            return store.moved(id, next, change);
        }
        Optional<PaymentIntent> moved = transactions.execute(s -> {
            Optional<PaymentIntent> after = store.moved(id, next, change);
            after.ifPresent(events::changed);
            return after;
        });
        return Objects.requireNonNullElse(moved, Optional.empty());
    }

    /** Cancels an intent not yet paid: a new one simply closes, an authorized one has its hold voided. */
    public PaymentOutcome cancel(String merchantId, String id) {
        Optional<PaymentIntent> found = store.find(merchantId, id);
        if (found.isEmpty()) {
            return PaymentOutcome.refused(PaymentRejection.NOT_FOUND);
        }
        PaymentIntent intent = found.get();
        if (!intent.status().canMoveTo(PaymentStatus.CANCELED)) {
            return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        if (intent.status() == PaymentStatus.REQUIRES_CAPTURE) {
            TransferOutcome voided = postings.release(intent);
            if (!voided.ok()) {
                return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
            }
            tellNetwork(intent, c -> c.reverse(id));
        }
        if (!transition(id, PaymentStatus.CANCELED, IntentStore.Change.NONE)) {
            return PaymentOutcome.refused(PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        ended(id);
        return PaymentOutcome.of(store.byId(id).orElseThrow());
    }

    /** Refunds all that remains ({@code amount} null) or part of a succeeded intent. */
    public RefundOutcome refund(String merchantId, String intentId, Long amount, String reason) {
        Optional<PaymentIntent> found = store.find(merchantId, intentId);
        if (found.isEmpty()) {
            return new RefundOutcome(null, PaymentRejection.NOT_FOUND);
        }
        PaymentIntent intent = found.get();
        if (intent.status() != PaymentStatus.SUCCEEDED) {
            return new RefundOutcome(null, PaymentRejection.STATUS_MUST_ALLOW_OPERATION);
        }
        long refunded = amount == null ? intent.amountCaptured() - intent.amountRefunded() : amount;
        if (refunded <= 0 || !store.reserveRefund(merchantId, intentId, refunded)) {
            return new RefundOutcome(null, PaymentRejection.AMOUNT_MUST_NOT_EXCEED_REFUNDABLE);
        }
        String refundId = Ids.next("re");
        TransferOutcome moved = postings.refund(intent, refundId, refunded, issuerSettlement(intent));
        if (!moved.ok()) {
            store.releaseRefund(intentId, refunded);
            return new RefundOutcome(null, moved == TransferOutcome.EXCEEDS_CREDITS
                    ? PaymentRejection.MERCHANT_BALANCE_MUST_COVER_REFUND : PaymentRejection.LEDGER_REFUSED);
        }
        tellNetwork(intent, c -> c.refund(intentId, refundId, refunded, intent.currency()));
        Refund refund = transactions.execute(s -> {
            Refund made = store.insertRefund(refundId, intent, refunded, "succeeded", reason);
            events.refunded(store.byId(intentId).orElseThrow(), made);
            return made;
        });
        return new RefundOutcome(refund, null);
    }

    /** The merchant's refund, if it exists and is theirs. */
    public Optional<Refund> findRefund(String merchantId, String id) {
        return store.refund(merchantId, id);
    }

    /** At most this many events make one payment's timeline, and this many refunds its list. */
    public static final int TIMELINE_MAX = 200;

    /**
     * One merchant-visible event of a payment: its id, type ({@code payment_intent.succeeded}, ...), when
     * it happened, and for a refund the refund's id and amount.
     */
    public record TimelineEntry(String eventId, String type, java.time.Instant at, String refundId, Long refundAmount) {
    }

    /**
     * The merchant's money in one currency: the posted balance (captures less fees and refunds), what is
     * authorized but not captured (held, pending), and the platform fees paid in all.
     */
    public record MerchantBalance(String currency, long balance, long pending, long fees) {
    }

    /** The events of the merchant's intent and its refunds, oldest first; empty when the intent is not theirs. */
    public java.util.List<TimelineEntry> timeline(String merchantId, String intentId) {
        return store.events(merchantId, intentId, TIMELINE_MAX);
    }

    /** The refunds of the merchant's intent, oldest first; empty when the intent is not theirs. */
    public java.util.List<Refund> refunds(String merchantId, String intentId) {
        return store.refunds(merchantId, intentId, TIMELINE_MAX);
    }

    /** The merchant's balance per currency as the ledger holds it, with pending authorizations and fees. */
    public java.util.List<MerchantBalance> balances(String merchantId) {
        java.util.Map<String, Long> fees = store.feesByCurrency(merchantId);
        return postings.merchantAccounts(merchantId).entrySet().stream()
                .map(e -> new MerchantBalance(e.getKey(), e.getValue().balance().net(),
                        e.getValue().balance().creditsPending(), fees.getOrDefault(e.getKey(), 0L)))
                .toList();
    }

    /** At most this many payouts are listed. */
    public static final int PAYOUTS_PAGE_MAX = 50;

    /**
     * Where a merchant payout stands: requested until the ledger moved it, then in transit (on its way to the
     * merchant's bank), or failed when the ledger refused. The table below is the only place that says which
     * moves are allowed; the store changes a status only from the sources it names. The bank leg (paid,
     * returned) comes with merchant bank files.
     */
    public enum PayoutStatus {
        REQUESTED, IN_TRANSIT, FAILED;

        private static final java.util.Map<PayoutStatus, java.util.Set<PayoutStatus>> TRANSITIONS = java.util.Map.of(
                REQUESTED, java.util.EnumSet.of(IN_TRANSIT, FAILED),
                IN_TRANSIT, java.util.EnumSet.noneOf(PayoutStatus.class),
                FAILED, java.util.EnumSet.noneOf(PayoutStatus.class));

        /** Whether the table allows moving from this status to {@code next}. */
        public boolean canMoveTo(PayoutStatus next) {
            return TRANSITIONS.get(this).contains(next);
        }

        /** The statuses from which a payout may move to {@code next}, as stored in the database. */
        static String[] sourcesOf(PayoutStatus next) {
            return java.util.Arrays.stream(values()).filter(s -> s.canMoveTo(next)).map(PayoutStatus::wire)
                    .toArray(String[]::new);
        }

        /** The lower-case name used in the database and on the pages. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static PayoutStatus ofWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A payout of the merchant's balance, with the reason when it failed. */
    public record Payout(String id, String currency, long amount, PayoutStatus status, String failureReason,
                         java.time.Instant createdAt) {
    }

    /** A fresh payout id, to bind into the confirmation before the payout exists. */
    public static String newPayoutId() {
        return Ids.next("po");
    }

    /**
     * Pays out part of the merchant's balance in one currency to payouts in transit, in one ledger transfer
     * whose id is the payout's: calling it again with the same id moves nothing more and answers the payout as
     * it stands. Empty when the merchant has no balance in the currency or the id is another merchant's.
     */
    public Optional<Payout> payout(String merchantId, String payoutId, String currency, long amount, String requestedBy) {
        java.util.Map<String, io.bastion.ledger.Account> accounts = postings.merchantAccounts(merchantId);
        if (!accounts.containsKey(currency) || amount <= 0 || !payoutId.matches("po_[a-z0-9]{1,40}")) {
            return Optional.empty();
        }
        store.insertPayout(payoutId, merchantId, amount, currency, requestedBy);
        return carryOut(merchantId, payoutId, accounts);
    }

    /**
     * Moves a recorded payout that is still "requested", as recorded (a repeat of the request cannot change the
     * amount or the currency), and answers it as it then stands; empty when the merchant has no such payout. The
     * request does it at once; {@link StuckPayouts} does it for a request that stopped half-way.
     */
    Optional<Payout> carryOut(String merchantId, String payoutId) {
        return carryOut(merchantId, payoutId, postings.merchantAccounts(merchantId));
    }

    /** As {@link #carryOut(String, String)}, with the merchant's balance accounts already read. */
    private Optional<Payout> carryOut(String merchantId, String payoutId,
                                      java.util.Map<String, io.bastion.ledger.Account> accounts) {
        Optional<Payout> recorded = store.payout(merchantId, payoutId);
        if (recorded.isEmpty() || recorded.get().status() != PayoutStatus.REQUESTED) {
            return recorded;
        }
        String currency = recorded.get().currency();
        io.bastion.ledger.Account account = accounts.get(currency);
        if (account == null) {
            return recorded;
        }
        TransferOutcome moved = postings.payout(account.id(), payoutId, currency, recorded.get().amount());
        if (moved.ok()) {
            store.settlePayout(payoutId, PayoutStatus.IN_TRANSIT, null);
        } else {
            store.settlePayout(payoutId, PayoutStatus.FAILED, moved == TransferOutcome.EXCEEDS_CREDITS
                    ? "balance_must_cover_payout" : "ledger_" + moved.name().toLowerCase(java.util.Locale.ROOT));
        }
        return store.payout(merchantId, payoutId);
    }

    /** The merchant's payouts, newest first. */
    public java.util.List<Payout> payouts(String merchantId) {
        return store.payouts(merchantId, PAYOUTS_PAGE_MAX);
    }
}
