package io.bastion.issuing;

import io.bastion.shared.MoneyText;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.UserAccount;
import io.bastion.ledger.TransferOutcome;
import io.bastion.threeds.AuthenticationValues;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.DetokenizationPurpose;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The issuer's facade for the acquiring side: authorizes payments on Bastion's own cards (status, expiry,
 * CVV2, controls, 3-D Secure, daily limit, funds) by placing a hold on the wallet, captures or reverses
 * the hold, refunds captures, and names the cardholder's verified phone for 3-D Secure. Every authorization
 * is stored and audited with the masked card only; a CVV2 lives in memory for the one call.
 */
@Service
public final class Issuing {

    private static final Logger LOG = LoggerFactory.getLogger(Issuing.class);

    static final Pattern AUTHORIZATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,48}");
    static final String ACTOR = "issuer";

    private final CardStore cards;
    private final IssuedCardTokens tokens;
    private final AuthenticationValues values;
    private final AuthorizationStore authorizations;
    private final Holds holds;
    private final Cvv2 cvv2;
    private final Vault vault;
    private final CustomerDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    Issuing(CardStore cards, IssuedCardTokens tokens, AuthenticationValues values, AuthorizationStore authorizations,
            Holds holds, Cvv2 cvv2, Vault vault, CustomerDirectory directory, AuditLog audit, Clock clock) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.values = Objects.requireNonNull(values, "values");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.holds = Objects.requireNonNull(holds, "holds");
        this.cvv2 = Objects.requireNonNull(cvv2, "cvv2");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Authorizes a payment. The same authorization id answers the first outcome again. Declines are values;
     * when the ledger cannot be reached the answer is a decline (fail closed), never an approval.
     *
     * <p>The checks that only read come first (with the vault's audited CVV2 check), then the authentication value
     * is spent (the last of the rules), then one statement inserts the pending authorization (which claims its id)
     * and reserves the day's spend; the hold goes through the ledger's own writers; a last statement concludes the
     * authorization, and its audit entry closes it. A crash before the insert leaves at most a spent value, which
     * approved nothing; after it, a pending authorization whose reserved spend the hold's failure or a later
     * conclusion accounts for. Every write but the last is a deferred commit ({@link io.bastion.shared.DeferredCommit}):
     * the CVV2 check's detokenization entry, the spend, the insert, the hold's ledger batch and the conclusion. The
     * closing audit entry is synchronous, so it puts them all on disk, and the answer is given only after it.
     */
    public AuthorizationResult authorize(AuthorizationRequest request) {
        return authorize(request, false);
    }

    /**
     * As {@link #authorize}, for Bastion's own acquiring (on-us), which settles the payment after the answer and
     * ends with a synchronous commit before anything leaves Bastion: here the closing audit entry is deferred too,
     * so the authorization waits for the disk not at all, and acquiring's commit puts it on disk. A crash before
     * that commit leaves the payment processing, which acquiring's job settles by asking for the authorization
     * (missing: declined; pending: asked again).
     */
    public AuthorizationResult authorizeCommittingLater(AuthorizationRequest request) {
        return authorize(request, true);
    }

    private AuthorizationResult authorize(AuthorizationRequest request, boolean commitLater) {
        if (!AUTHORIZATION_ID.matcher(request.authorizationId()).matches()) {
            throw new IllegalArgumentException("authorization id must be 1 to 48 letters, digits, '_' or '-'");
        }
        try {
            Optional<Card> card = find(request);
            String masked = card.map(Card::masked).orElseGet(() -> request.cardNumber() == null ? null
                    : request.cardNumber().first6() + "******" + request.cardNumber().last4());
            DeclineReason readRule = card.isEmpty() ? DeclineReason.CARD_NOT_FOUND : readChecks(card.get(), request);
            LocalDate day = today();
            Opened opened = open(request, card, masked, readRule, day);
            if (opened.repeated()) {
                // A repeated authorization id found its row taken: the answer is the first one's.
                return authorizations.byId(request.authorizationId()).map(this::resultOf)
                        .orElse(AuthorizationResult.declined(request.authorizationId(), DeclineReason.AUTHORIZATION_ID_REUSED));
            }
            AuthorizationResult result = opened.rule() != null
                    ? AuthorizationResult.declined(request.authorizationId(), opened.rule())
                    : hold(card.get(), request, day);
            record(request, card.orElse(null), masked, result, commitLater);
            return result;
        } finally {
            request.cvv().ifPresent(Cvv::wipe);
        }
    }

    /** What the authorization's first writes left: its id was taken already, or the rule that declines it. */
    private record Opened(boolean repeated, DeclineReason rule) {
    }

    /**
     * The first writes: when the reading checks passed, the authentication value is spent (the last of the rules);
     * then the pending row goes in, with the day's spend reserved when every rule passed. A repeated authorization
     * id finds its row there (its value, spent by the first call, declines nothing: the first outcome answers).
     */
    private Opened open(AuthorizationRequest request, Optional<Card> card, String masked, DeclineReason readRule,
                        LocalDate day) {
        DeclineReason rule = readRule;
        if (rule == null && request.online()) {
            rule = authentication(card.get(), request);
        }
        if (rule == null && request.amountMinor() > card.get().controls().dailyLimitMinor()) {
            // A first payment of the day is a new spend row, which the statement's limit check does not see.
            rule = DeclineReason.EXCEEDS_DAILY_LIMIT;
        }
        boolean reserve = rule == null;
        AuthorizationStore.Opened opened = authorizations.open(pending(request, card.map(Card::id).orElse(null), masked, day),
                reserve, card.map(c -> c.controls().dailyLimitMinor()).orElse(0L));
        if (!opened.inserted()) {
            return new Opened(true, null);
        }
        return new Opened(false, reserve && !opened.reserved() ? DeclineReason.EXCEEDS_DAILY_LIMIT : rule);
    }

    private Optional<Card> find(AuthorizationRequest request) {
        if (request.token() != null) {
            // The issued-card token, or another token of the same card such as the payment page's one-off token.
            return tokens.card(request.token());
        }
        return vault.findToken(request.cardNumber(), TokenPurpose.ISSUED_CARD).flatMap(token -> cards.byToken(token.value()));
    }

    /** The rules that only read: the card's state and controls, then the CVV2 (which the vault audits). */
    private DeclineReason readChecks(Card card, AuthorizationRequest request) {
        DeclineReason rule = AuthorizationRules.first(card, request, YearMonth.now(clock.withZone(ZoneOffset.UTC)));
        if (rule == null && request.cvv().isPresent() && !cvvMatches(card, request)) {
            rule = DeclineReason.CVV_MISMATCH;
        }
        return rule;
    }

    /** Places the hold for a payment whose day's spend is reserved; a hold that fails gives the reservation back. */
    private AuthorizationResult hold(Card card, AuthorizationRequest request, LocalDate day) {
        String id = request.authorizationId();
        TransferOutcome hold;
        try {
            hold = holds.place(id, card.ledgerAccountId(), card.currency(), request.amountMinor());
        } catch (RuntimeException e) {
            // The ledger's failure is the operator's to see; the payment is declined, never approved.
            LOG.warn("authorization {}: the hold could not be placed", id, e);
            hold = null;
        }
        if (hold == null || !hold.ok()) {
            cards.releaseDailySpend(card.id(), day, request.amountMinor());
            return AuthorizationResult.declined(id, hold == TransferOutcome.EXCEEDS_CREDITS
                    ? DeclineReason.INSUFFICIENT_FUNDS : DeclineReason.ISSUER_UNAVAILABLE);
        }
        return AuthorizationResult.approved(id, Holds.holdId(id));
    }

    /**
     * The online rule: a card-not-present payment needs 3-D Secure's word that the cardholder was authenticated
     * (transStatus Y) and an authentication value that the ACS issued for this card, amount, currency, merchant
     * and dsTransID and that was never presented before. Verifying spends the value, so it is checked last of
     * the rules. A value made for another card (even the same cardholder's) proves nothing about this one.
     */
    private DeclineReason authentication(Card card, AuthorizationRequest request) {
        if (request.threeDs().isEmpty()) {
            return DeclineReason.AUTHENTICATION_REQUIRED;
        }
        ThreeDsResult threeDs = request.threeDs().get();
        if (!threeDs.authenticated()) {
            return DeclineReason.AUTHENTICATION_FAILED;
        }
        if (!threeDs.hasValue()) {
            return DeclineReason.AUTHENTICATION_REQUIRED;
        }
        try {
            // The value names the token 3-D Secure saw; the same token as this payment's is the same card.
            boolean sameToken = request.token() != null && request.token().value().equals(threeDs.accountToken());
            if (!sameToken && !tokens.card(threeDs.accountToken()).map(Card::id).filter(card.id()::equals).isPresent()) {
                return DeclineReason.AUTHENTICATION_FAILED;
            }
            AuthenticationValues.Verification verification = values.verify(threeDs.accountToken(), request.amountMinor(),
                    MoneyText.numericCode(request.currency()), threeDs.merchantId(), threeDs.dsTransID(),
                    threeDs.authenticationValue());
            return verification == AuthenticationValues.Verification.VALID ? null : DeclineReason.AUTHENTICATION_FAILED;
        } catch (RuntimeException e) {
            // Fail closed: when the value cannot be checked, the payment is not approved.
            LOG.warn("authorization {}: the authentication value could not be checked", request.authorizationId(), e);
            return DeclineReason.ISSUER_UNAVAILABLE;
        }
    }

    private boolean cvvMatches(Card card, AuthorizationRequest request) {
        CharSequence pan = request.cardNumber() != null ? request.cardNumber().digits()
                : vault.detokenizeCommittingLater(new CardToken(card.token()), DetokenizationPurpose.AUTHORIZATION, ACTOR, "")
                        .number().digits();
        return cvv2.matches(pan, card.expiry(), card.cvvKeyId(), request.cvv().orElseThrow().digits());
    }

    private Authorization pending(AuthorizationRequest request, String cardId, String masked, LocalDate day) {
        Optional<ThreeDsResult> threeDs = request.threeDs();
        return new Authorization(request.authorizationId(), cardId, masked, AuthorizationStatus.PENDING, null,
                request.amountMinor(), Objects.requireNonNullElse(request.currency(), ""),
                Objects.requireNonNullElse(request.merchantName(), ""), Objects.requireNonNullElse(request.merchantCountry(), ""),
                Objects.requireNonNullElse(request.mcc(), ""), request.online(), null, day, 0, clock.instant(),
                threeDs.map(ThreeDsResult::storedTransStatus).orElse(null), threeDs.map(ThreeDsResult::storedEci).orElse(null),
                threeDs.map(ThreeDsResult::storedFlow).orElse(null), false, 0);
    }

    private void record(AuthorizationRequest request, Card card, String masked, AuthorizationResult result,
                        boolean commitLater) {
        boolean liabilityShift = request.threeDs().map(ThreeDsResult::shiftsLiability).orElse(false);
        authorizations.conclude(request.authorizationId(), result.approved() ? AuthorizationStatus.APPROVED
                : AuthorizationStatus.DECLINED, result.declineReason(), result.holdTransferId(), liabilityShift,
                clock.instant());
        Map<String, String> details = new HashMap<>();
        details.put("card", card == null ? "" : card.id());
        details.put("masked", Objects.requireNonNullElse(masked, ""));
        details.put("amountMinor", Long.toString(request.amountMinor()));
        details.put("currency", Objects.requireNonNullElse(request.currency(), ""));
        details.put("mcc", Objects.requireNonNullElse(request.mcc(), ""));
        details.put("merchantCountry", Objects.requireNonNullElse(request.merchantCountry(), ""));
        details.put("online", Boolean.toString(request.online()));
        details.put("threeDs", request.threeDs().map(t -> Objects.requireNonNullElse(t.storedTransStatus(), "?")).orElse(""));
        details.put("outcome", result.approved() ? "APPROVED" : result.declineReason().name());
        audit.record(new AuditRecord(ACTOR, "issuing.authorization", request.authorizationId(),
                result.approved() ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, "", details), commitLater);
    }

    private AuthorizationResult resultOf(Authorization a) {
        return switch (a.status()) {
            case PENDING -> AuthorizationResult.declined(a.id(), DeclineReason.AUTHORIZATION_ID_REUSED);
            case DECLINED -> AuthorizationResult.declined(a.id(), a.declineReason());
            default -> AuthorizationResult.approved(a.id(), a.holdTransferId());
        };
    }

    /** Captures up to the held amount (a smaller capture releases the rest); the ledger posts the hold. */
    public HoldOutcome capture(String authorizationId, long amountMinor) {
        Optional<Authorization> found = authorizations.byId(authorizationId);
        if (found.isEmpty()) {
            return HoldOutcome.AUTHORIZATION_NOT_FOUND;
        }
        Authorization a = found.get();
        if (a.status() != AuthorizationStatus.APPROVED) {
            return HoldOutcome.AUTHORIZATION_NOT_OPEN;
        }
        if (amountMinor <= 0) {
            return HoldOutcome.AMOUNT_MUST_BE_POSITIVE;
        }
        if (amountMinor > a.amountMinor()) {
            return HoldOutcome.AMOUNT_EXCEEDS_HOLD;
        }
        TransferOutcome posted = holds.post(authorizationId, amountMinor);
        if (posted.ok()) {
            return settle(a, AuthorizationStatus.CAPTURED, amountMinor, HoldOutcome.CAPTURED);
        }
        return unresolved(a, posted);
    }

    /** Reverses an approved authorization: the hold is voided and the daily limit given back. */
    public HoldOutcome reverse(String authorizationId) {
        Optional<Authorization> found = authorizations.byId(authorizationId);
        if (found.isEmpty()) {
            return HoldOutcome.AUTHORIZATION_NOT_FOUND;
        }
        Authorization a = found.get();
        if (a.status() != AuthorizationStatus.APPROVED) {
            return HoldOutcome.AUTHORIZATION_NOT_OPEN;
        }
        TransferOutcome voided = holds.cancel(authorizationId);
        if (voided.ok()) {
            return settle(a, AuthorizationStatus.REVERSED, 0, HoldOutcome.REVERSED);
        }
        return unresolved(a, voided);
    }

    private HoldOutcome unresolved(Authorization a, TransferOutcome outcome) {
        if (outcome == TransferOutcome.PENDING_TRANSFER_EXPIRED) {
            return settle(a, AuthorizationStatus.EXPIRED, 0, HoldOutcome.HOLD_EXPIRED);
        }
        if (outcome == TransferOutcome.PENDING_TRANSFER_ALREADY_POSTED || outcome == TransferOutcome.PENDING_TRANSFER_ALREADY_VOIDED) {
            return HoldOutcome.AUTHORIZATION_NOT_OPEN;
        }
        return HoldOutcome.LEDGER_REFUSED;
    }

    private HoldOutcome settle(Authorization a, AuthorizationStatus to, long capturedMinor, HoldOutcome outcome) {
        if (!authorizations.settle(a.id(), to, capturedMinor, clock.instant())) {
            return HoldOutcome.AUTHORIZATION_NOT_OPEN;
        }
        if (a.cardId() != null && a.spendDay() != null) {
            cards.releaseDailySpend(a.cardId(), a.spendDay(), a.amountMinor() - capturedMinor);
        }
        audit.record(new AuditRecord(ACTOR, "issuing.authorization." + to.name().toLowerCase(java.util.Locale.ROOT), a.id(),
                AuditRecord.Outcome.SUCCESS, "", Map.of("card", a.cardId(), "amountMinor", Long.toString(capturedMinor))));
        return outcome;
    }

    /**
     * The ledger account in which the issuer owes the card scheme what its cardholders paid (CARD_SETTLEMENT)
     * in a currency; an on-us acquirer nets it against its own receivable.
     */
    public static String settlementAccount(String currency) {
        return Holds.settlementAccount(currency);
    }

    /**
     * Gives captured money back to the cardholder's wallet: the capture's ledger posting in reverse, under a
     * transfer id derived from the refund id. The same refund id answers REFUNDED again without moving money
     * twice (and finishes a refund whose ledger step failed before); all refunds of a capture together never
     * pass the captured amount.
     */
    public HoldOutcome refund(String authorizationId, String refundId, long amountMinor) {
        if (refundId == null || !AUTHORIZATION_ID.matcher(refundId).matches()) {
            return HoldOutcome.REFUND_ID_MUST_BE_VALID;
        }
        Optional<AuthorizationStore.Refund> earlier = authorizations.refund(refundId);
        if (earlier.isPresent()) {
            return repeated(earlier.get(), authorizationId, amountMinor);
        }
        Optional<Authorization> found = authorizations.byId(authorizationId);
        if (found.isEmpty()) {
            return HoldOutcome.AUTHORIZATION_NOT_FOUND;
        }
        Authorization a = found.get();
        if (a.status() != AuthorizationStatus.CAPTURED) {
            return HoldOutcome.AUTHORIZATION_NOT_CAPTURED;
        }
        if (amountMinor <= 0) {
            return HoldOutcome.AMOUNT_MUST_BE_POSITIVE;
        }
        AuthorizationStore.Refund refund = new AuthorizationStore.Refund(refundId, authorizationId, amountMinor);
        if (amountMinor > a.capturedMinor() - a.refundedMinor() || !authorizations.reserveRefund(refund, clock.instant())) {
            // A concurrent call with the same refund id may have won the race: that one answers.
            return authorizations.refund(refundId).map(r -> repeated(r, authorizationId, amountMinor))
                    .orElse(HoldOutcome.AMOUNT_EXCEEDS_CAPTURE);
        }
        return credit(a, refund);
    }

    private HoldOutcome repeated(AuthorizationStore.Refund earlier, String authorizationId, long amountMinor) {
        if (!earlier.authorizationId().equals(authorizationId) || earlier.amountMinor() != amountMinor) {
            return HoldOutcome.REFUND_ID_REUSED;
        }
        return credit(authorizations.byId(authorizationId).orElseThrow(), earlier);
    }

    private HoldOutcome credit(Authorization a, AuthorizationStore.Refund refund) {
        Card card = cards.byId(a.cardId()).orElseThrow();
        TransferOutcome credited;
        try {
            credited = holds.refund(refund.id(), card.ledgerAccountId(), a.currency(), refund.amountMinor());
        } catch (RuntimeException e) {
            // The outcome is unknown: the reservation stays, and a retry with the same refund id completes it.
            return HoldOutcome.LEDGER_REFUSED;
        }
        if (!credited.ok()) {
            authorizations.cancelRefund(refund, clock.instant());
            return HoldOutcome.LEDGER_REFUSED;
        }
        if (credited == TransferOutcome.CREATED) {
            audit.record(new AuditRecord(ACTOR, "issuing.authorization.refunded", a.id(), AuditRecord.Outcome.SUCCESS, "",
                    Map.of("card", a.cardId(), "refund", refund.id(), "amountMinor", Long.toString(refund.amountMinor()))));
        }
        return HoldOutcome.REFUNDED;
    }

    /** A stored authorization by id. */
    public Optional<Authorization> authorization(String authorizationId) {
        return authorizations.byId(authorizationId);
    }

    /**
     * The verified phone number of the cardholder of a card that is not closed, for a 3-D Secure challenge;
     * empty when the card is unknown or closed or the phone is not verified.
     */
    public Optional<String> cardholderPhone(CardToken token) {
        return tokens.card(token).filter(c -> c.status() != CardStatus.CLOSED)
                .flatMap(c -> directory.customer(c.userId()))
                .filter(u -> u.phoneVerifiedAt() != null)
                .map(UserAccount::phone);
    }


    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
