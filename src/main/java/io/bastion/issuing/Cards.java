package io.bastion.issuing;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.UserAccount;
import io.bastion.vault.CardDetails;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.DetokenizationPurpose;
import io.bastion.vault.Expiry;
import io.bastion.vault.ReferenceKind;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import io.bastion.wallet.Wallet;
import io.bastion.wallet.Wallets;
import java.time.Clock;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The cardholder's side of issuing: creates virtual Visa debit cards on a verified customer's wallet,
 * lists them, changes their controls and status, replaces them and reveals their details. Every call is
 * scoped to the calling customer (anyone else's card does not exist) and every change is audited.
 */
@Service
public final class Cards {

    public static final Period VALIDITY = Period.ofYears(3);
    static final int OPEN_CARDS_MAX = 10;
    static final int NUMBER_ATTEMPTS_MAX = 10;
    public static final int PAYMENTS_PAGE_SIZE = 50;
    /** Pages beyond this are not served: 50,000 payments are more than a customer scrolls through. */
    public static final int PAYMENT_PAGES_MAX = 999;

    private final CardStore store;
    private final AuthorizationStore authorizations;
    private final CardNumbers numbers;
    private final Cvv2 cvv2;
    private final Vault vault;
    private final Wallets wallets;
    private final CustomerDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    Cards(CardStore store, AuthorizationStore authorizations, CardNumbers numbers, Cvv2 cvv2, Vault vault, Wallets wallets, CustomerDirectory directory,
          AuditLog audit, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.cvv2 = Objects.requireNonNull(cvv2, "cvv2");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issues a card on one of the customer's wallets. */
    public CardResult create(String userId, String walletId, String ip) {
        Optional<UserAccount> user = directory.customer(userId).filter(UserAccount::verified);
        if (user.isEmpty()) {
            return CardResult.rejected(CardRejection.CUSTOMER_MUST_BE_VERIFIED);
        }
        Optional<Wallet> wallet = wallets.wallet(userId, walletId);
        if (wallet.isEmpty()) {
            return CardResult.rejected(CardRejection.WALLET_MUST_EXIST);
        }
        if (store.countOpen(userId) >= OPEN_CARDS_MAX) {
            return CardResult.rejected(CardRejection.OPEN_CARDS_MAX_REACHED);
        }
        Card card = issue(user.get(), wallet.get(), CardControls.defaults(), null);
        audit.record(new AuditRecord(userId, "issuing.card.created", card.id(), AuditRecord.Outcome.SUCCESS, ip,
                Map.of("masked", card.masked(), "wallet", walletId)));
        return CardResult.of(card);
    }

    private Card issue(UserAccount user, Wallet wallet, CardControls controls, String replaces) {
        YearMonth expiry = YearMonth.now(clock.withZone(ZoneOffset.UTC)).plus(VALIDITY);
        for (int attempt = 0; attempt < NUMBER_ATTEMPTS_MAX; attempt++) {
            CardNumber number = CardNumber.of(numbers.next());
            // The vault's fingerprint recognises a number issued before: draw again rather than share it.
            if (vault.knows(number)) {
                continue;
            }
            CardToken token = vault.tokenize(number, new Expiry(expiry.getMonthValue(), expiry.getYear()),
                    user.displayName(), TokenPurpose.ISSUED_CARD);
            Card card = new Card(Ids.next("card"), user.id(), wallet.id(), wallet.ledgerAccountId(), wallet.currency(),
                    token.value(), number.first6() + "******" + number.last4(), expiry, CardStatus.ACTIVE,
                    cvv2.currentKeyId(), controls, replaces, clock.instant());
            store.insert(card);
            vault.reference(token, ReferenceKind.ISSUED_CARD, card.id());
            return card;
        }
        throw new IllegalStateException("no free card number in the range after " + NUMBER_ATTEMPTS_MAX + " draws");
    }

    /** The customer's cards, newest first. */
    public List<Card> cards(String userId) {
        return store.ofUser(userId);
    }

    /**
     * One page of the payments on all of the customer's cards (their authorizations), newest first, and
     * whether older ones follow; nobody else's payments ever appear. Pages count from 0.
     */
    public PaymentsPage payments(String userId, int page) {
        Objects.requireNonNull(userId, "userId");
        if (page < 0 || page > PAYMENT_PAGES_MAX) {
            return new PaymentsPage(List.of(), page, false);
        }
        List<Authorization> found = authorizations.ofUser(userId, page * PAYMENTS_PAGE_SIZE, PAYMENTS_PAGE_SIZE + 1);
        boolean more = found.size() > PAYMENTS_PAGE_SIZE && page < PAYMENT_PAGES_MAX;
        return new PaymentsPage(found.subList(0, Math.min(found.size(), PAYMENTS_PAGE_SIZE)), page, more);
    }

    /** A page of a customer's card payments, newest first. */
    public record PaymentsPage(List<Authorization> payments, int page, boolean more) {
        public PaymentsPage {
            payments = List.copyOf(payments);
        }
    }

    /** One of the customer's cards; empty for anyone else's card, exactly as for one that does not exist. */
    public Optional<Card> card(String userId, String cardId) {
        return cardId == null ? Optional.empty() : store.owned(userId, cardId);
    }

    /** Freezes (or unfreezes) the card at once. */
    public CardResult freeze(String userId, String cardId, boolean frozen, String ip) {
        Optional<Card> card = card(userId, cardId);
        if (card.isEmpty()) {
            return CardResult.rejected(CardRejection.CARD_MUST_EXIST);
        }
        CardStatus from = frozen ? CardStatus.ACTIVE : CardStatus.FROZEN;
        CardStatus to = frozen ? CardStatus.FROZEN : CardStatus.ACTIVE;
        if (card.get().status() != from || !store.move(cardId, from, to, clock.instant())) {
            return CardResult.rejected(CardRejection.STATUS_CHANGE_NOT_ALLOWED);
        }
        audit.record(AuditRecord.of(userId, frozen ? "issuing.card.frozen" : "issuing.card.unfrozen", cardId,
                AuditRecord.Outcome.SUCCESS, ip));
        return CardResult.of(store.byId(cardId).orElseThrow());
    }

    /** Replaces the controls of a card that is not closed; answers the rule they break, if any. */
    public Optional<CardControls.ControlRejection> updateControls(String userId, String cardId, CardControls controls,
                                                                  String ip) {
        CardControls.ControlRejection invalid = controls.invalidity();
        Optional<Card> card = card(userId, cardId).filter(c -> c.status() != CardStatus.CLOSED);
        if (invalid != null || card.isEmpty()) {
            return Optional.ofNullable(invalid);
        }
        store.updateControls(cardId, controls);
        audit.record(new AuditRecord(userId, "issuing.card.controls", cardId, AuditRecord.Outcome.SUCCESS, ip, Map.of(
                "online", Boolean.toString(controls.onlineEnabled()),
                "transactionLimitMinor", Long.toString(controls.transactionLimitMinor()),
                "dailyLimitMinor", Long.toString(controls.dailyLimitMinor()),
                "allowedCountries", String.join(",", controls.allowedCountries()),
                "blockedMccs", String.join(",", controls.blockedMccs()))));
        return Optional.empty();
    }

    /** Closes the card and issues a new one (new number, same wallet and controls). */
    public CardResult replace(String userId, String cardId, String ip) {
        Optional<Card> old = card(userId, cardId);
        if (old.isEmpty()) {
            return CardResult.rejected(CardRejection.CARD_MUST_EXIST);
        }
        Optional<UserAccount> user = directory.customer(userId).filter(UserAccount::verified);
        Optional<Wallet> wallet = wallets.wallet(userId, old.get().walletId());
        if (user.isEmpty() || wallet.isEmpty()) {
            return CardResult.rejected(user.isEmpty() ? CardRejection.CUSTOMER_MUST_BE_VERIFIED : CardRejection.WALLET_MUST_EXIST);
        }
        if (old.get().status() == CardStatus.CLOSED
                || !store.move(cardId, old.get().status(), CardStatus.CLOSED, clock.instant())) {
            return CardResult.rejected(CardRejection.CARD_MUST_NOT_BE_CLOSED);
        }
        vault.release(new CardToken(old.get().token()), ReferenceKind.ISSUED_CARD, cardId);
        Card fresh = issue(user.get(), wallet.get(), old.get().controls(), cardId);
        audit.record(new AuditRecord(userId, "issuing.card.replaced", cardId, AuditRecord.Outcome.SUCCESS, ip,
                Map.of("replacement", fresh.id(), "masked", fresh.masked())));
        return CardResult.of(fresh);
    }

    /**
     * The card's number, expiry and CVV2 for its own cardholder, who the caller has checked made a fresh
     * second factor. The vault audits the detokenization; a closed card reveals nothing.
     */
    public Optional<RevealedCard> reveal(String userId, String cardId, String ip) {
        Optional<Card> card = card(userId, cardId).filter(c -> c.status() != CardStatus.CLOSED);
        if (card.isEmpty()) {
            return Optional.empty();
        }
        Card c = card.get();
        CardDetails details = vault.detokenize(new CardToken(c.token()), DetokenizationPurpose.CARDHOLDER_VIEW, userId, ip);
        char[] cvv = cvv2.compute(details.number().digits(), c.expiry(), c.cvvKeyId());
        RevealedCard revealed = new RevealedCard(c.id(), details.number().digits(), details.expiry().text(),
                new String(cvv), details.cardholderName());
        java.util.Arrays.fill(cvv, '0');
        audit.record(AuditRecord.of(userId, "issuing.card.details.shown", cardId, AuditRecord.Outcome.SUCCESS, ip));
        return Optional.of(revealed);
    }
}
