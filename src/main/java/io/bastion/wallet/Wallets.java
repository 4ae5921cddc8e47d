package io.bastion.wallet;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.identity.Confirmations;
import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.UserAccount;
import io.bastion.ledger.Account;
import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountOutcome;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.Ledger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.iban4j.Iban;
import org.springframework.stereotype.Service;

/**
 * The wallet module's facade: opens a verified customer's e-money wallets (one ledger account per currency,
 * each with an IBAN), sends money between wallets and out to external IBANs after the customer's
 * confirmation, and reads balances and statements, always scoped to the calling customer.
 */
@Service
public final class Wallets {

    /** No single order moves more than this many minor units (far above any limit level). */
    public static final long AMOUNT_MINOR_MAX = 1_000_000_000_000_000L;
    private static final int OPEN_ATTEMPTS_MAX = 5;

    private final WalletStore store;
    private final OrderStore orders;
    private final OrderExecution execution;
    private final CompanyAccounts company;
    private final WalletSettings settings;
    private final CustomerDirectory directory;
    private final Confirmations confirmations;
    private final Ledger ledger;
    private final Clock clock;
    private final AuditLog audit;

    Wallets(WalletStore store, OrderStore orders, OrderExecution execution, CompanyAccounts company,
            WalletSettings settings, CustomerDirectory directory, Confirmations confirmations, Ledger ledger, Clock clock,
            AuditLog audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.company = Objects.requireNonNull(company, "company");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Opens the configured currencies' wallets of a verified customer (those missing); none for anyone else. */
    public List<Wallet> openWallets(String userId) {
        Optional<UserAccount> user = directory.customer(userId).filter(UserAccount::verified);
        if (user.isEmpty()) {
            return List.of();
        }
        for (String currency : settings.currencies()) {
            if (store.ofUserInCurrency(userId, currency).isEmpty()) {
                open(userId, currency);
            }
        }
        return store.ofUser(userId);
    }

    private void open(String userId, String currency) {
        company.ensure(currency);
        for (int attempt = 0; attempt < OPEN_ATTEMPTS_MAX; attempt++) {
            String accountId = Ids.next("acct");
            Iban iban = new Iban.Builder().countryCode(settings.ibanCountry()).bankCode(settings.bankCode()).buildRandom();
            Wallet wallet = new Wallet(Ids.next("wal"), userId, currency, iban.toString(), accountId, Ids.topupReference(),
                    clock.instant());
            AccountOutcome opened = ledger.createAccounts(List.of(AccountRequest.debitsMustNotExceedCredits(accountId, currency,
                    AccountCode.CUSTOMER_EMONEY.code()))).getFirst().outcome();
            if (opened != AccountOutcome.CREATED) {
                throw new IllegalStateException("wallet account " + accountId + ": " + opened);
            }
            // A taken IBAN or reference (or a racing open) inserts nothing; the empty ledger account stays unused.
            if (store.insert(wallet) || store.ofUserInCurrency(userId, currency).isPresent()) {
                audit.record(AuditRecord.of(userId, "wallet.opened", wallet.id(), AuditRecord.Outcome.SUCCESS, ""));
                return;
            }
        }
        throw new IllegalStateException("could not find a free IBAN and reference");
    }

    /** The customer's wallets with balances. */
    public List<WalletBalance> balances(String userId) {
        List<Wallet> owned = store.ofUser(userId);
        Map<String, Account> accounts = ledger.accounts(owned.stream().map(Wallet::ledgerAccountId).toList()).stream()
                .collect(Collectors.toMap(Account::id, Function.identity()));
        List<WalletBalance> result = new ArrayList<>();
        for (Wallet wallet : owned) {
            Account account = accounts.get(wallet.ledgerAccountId());
            result.add(new WalletBalance(wallet, account.balance().net(), account.balance().debitsPending()));
        }
        return result;
    }

    /** One of the customer's wallets; empty for a wallet of anyone else, exactly as for one that does not exist. */
    public Optional<Wallet> wallet(String userId, String walletId) {
        return walletId == null ? Optional.empty() : store.owned(userId, walletId);
    }

    /** One of the customer's orders; empty for anyone else's. */
    public Optional<WalletOrder> order(String userId, String orderId) {
        return orderId == null ? Optional.empty() : orders.owned(userId, orderId);
    }

    /**
     * Sends money to another Bastion customer's wallet in the same currency, named by IBAN, e-mail or phone.
     * Unless the customer's confirmation rules waive it, the answer is AWAITING_CONFIRMATION with the
     * confirmation id; after confirming, {@link #carryOut} sends it.
     */
    public SendResult send(String userId, String walletId, String payee, long amountMinor, String reference) {
        Optional<Wallet> from = wallet(userId, walletId);
        WalletRejection invalid = from.isEmpty() ? WalletRejection.WALLET_MUST_EXIST : orderInvalidity(userId, amountMinor, reference);
        if (invalid != null) {
            return SendResult.rejected(null, invalid);
        }
        Wallet payer = from.get();
        Optional<UserAccount> payeeUser = PayeeHandle.resolve(payee, directory, store);
        if (payeeUser.isEmpty()) {
            return SendResult.rejected(null, WalletRejection.PAYEE_MUST_BE_A_VERIFIED_CUSTOMER);
        }
        // A verified payee who never visited the wallet pages gets their wallets now, as on their first visit.
        Optional<Wallet> to = openWallets(payeeUser.get().id()).stream().filter(w -> w.currency().equals(payer.currency()))
                .findFirst();
        if (to.isEmpty()) {
            return SendResult.rejected(null, WalletRejection.PAYEE_MUST_HAVE_A_WALLET_IN_THE_CURRENCY);
        }
        if (to.get().id().equals(payer.id())) {
            return SendResult.rejected(null, WalletRejection.PAYEE_MUST_BE_ANOTHER_WALLET);
        }
        long fee = settings.transferFees().feeFor(amountMinor);
        return place(new WalletOrder(null, userId, "transfer", payer.id(), to.get().id(), null,
                PayeeHandle.label(payeeUser.get()), amountMinor, fee, payer.currency(), reference.strip(), false, "awaiting",
                null, clock.instant()), to.get().iban());
    }

    /** Pays out to an external IBAN: the amount is held now and leaves with the next pain.001 file. */
    public SendResult payout(String userId, String walletId, String creditorIban, String creditorName, long amountMinor,
                             String reference) {
        Optional<Wallet> from = wallet(userId, walletId);
        WalletRejection invalid = from.isEmpty() ? WalletRejection.WALLET_MUST_EXIST : orderInvalidity(userId, amountMinor, reference);
        if (invalid == null && !PayeeHandle.validIban(creditorIban)) {
            invalid = WalletRejection.IBAN_MUST_BE_VALID;
        }
        if (invalid == null && !PayeeHandle.validName(creditorName)) {
            invalid = WalletRejection.NAME_MUST_BE_VALID;
        }
        if (invalid != null) {
            return SendResult.rejected(null, invalid);
        }
        String iban = PayeeHandle.compactIban(creditorIban);
        return place(new WalletOrder(null, userId, "payout", from.get().id(), null, iban, creditorName.strip(), amountMinor,
                0, from.get().currency(), reference.strip(), false, "awaiting", null, clock.instant()), iban);
    }

    private WalletRejection orderInvalidity(String userId, long amountMinor, String reference) {
        if (!directory.customer(userId).map(UserAccount::verified).orElse(false)) {
            return WalletRejection.CUSTOMER_MUST_BE_VERIFIED;
        }
        if (amountMinor <= 0) {
            return WalletRejection.AMOUNT_MUST_BE_POSITIVE;
        }
        if (amountMinor > AMOUNT_MINOR_MAX) {
            return WalletRejection.AMOUNT_MUST_BE_IN_RANGE;
        }
        return PayeeHandle.validReference(reference) ? null : WalletRejection.REFERENCE_MUST_BE_VALID;
    }

    private SendResult place(WalletOrder draft, String payeeIban) {
        var action = draft.action(payeeIban);
        boolean confirm = confirmations.requiresConfirmation(draft.userId(), action);
        String id = confirm ? confirmations.request(draft.userId(), action).id() : Ids.next("ord");
        orders.insert(new WalletOrder(id, draft.userId(), draft.kind(), draft.walletId(), draft.payeeWalletId(),
                draft.creditorIban(), draft.payeeLabel(), draft.amountMinor(), draft.feeMinor(), draft.currency(),
                draft.reference(), confirm, "awaiting", null, draft.createdAt()));
        return confirm ? SendResult.awaiting(id) : execution.carryOut(draft.userId(), id);
    }

    /** Carries out an order once its confirmation is confirmed; a second call answers ORDER_ALREADY_CARRIED_OUT. */
    public SendResult carryOut(String userId, String orderId) {
        return execution.carryOut(userId, orderId);
    }

    /** A page of a wallet's statement with running balances; empty for a wallet of anyone else. */
    public Optional<WalletStatement> statement(String userId, String walletId, long after, int limit) {
        return wallet(userId, walletId).map(w -> Statements.page(ledger, store, w, after, limit));
    }
}
