package io.bastion.ledger.web;

import io.bastion.ledger.Account;
import io.bastion.ledger.AccountOutcome;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.AccountResult;
import io.bastion.ledger.Balance;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.LedgerUnavailable;
import io.bastion.ledger.PendingAction;
import io.bastion.ledger.StatementEntry;
import io.bastion.ledger.StatementPage;
import io.bastion.ledger.Transfer;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The ledger over HTTP for operators: open and read accounts, submit transfer batches, read statements.
 * Transfer results are lower-case rule names ("created", "exists", "exceeds_credits").
 */
@RestController
@RequestMapping("/v1/ledger")
class LedgerController {

    private static final String ID = "[A-Za-z0-9_-]{1,64}";
    private static final String ID_RULE = "must be 1 to 64 letters, digits, '_' or '-'";

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    record Flags(Boolean debitsMustNotExceedCredits, Boolean creditsMustNotExceedDebits) {

        boolean debits() {
            return Boolean.TRUE.equals(debitsMustNotExceedCredits);
        }

        boolean credits() {
            return Boolean.TRUE.equals(creditsMustNotExceedDebits);
        }
    }

    record OpenAccount(@Pattern(regexp = ID, message = ID_RULE) String id,
                       @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
                       @NotNull @Positive Integer code, Flags flags) {
    }

    record AccountView(String id, String currency, int code, Flags flags, long debitsPosted, long creditsPosted,
                       long debitsPending, long creditsPending, long balance, Instant createdAt) {

        static AccountView of(Account a) {
            Balance b = a.balance();
            return new AccountView(a.id(), a.currency(), a.code(),
                    new Flags(a.debitsMustNotExceedCredits(), a.creditsMustNotExceedDebits()), b.debitsPosted(),
                    b.creditsPosted(), b.debitsPending(), b.creditsPending(), b.net(), a.createdAt());
        }
    }

    record TransferBody(@NotNull @Pattern(regexp = ID, message = ID_RULE) String id,
                    @Pattern(regexp = ID, message = ID_RULE) String debitAccountId,
                    @Pattern(regexp = ID, message = ID_RULE) String creditAccountId,
                    @Positive Long amount, Boolean pending,
                    @PositiveOrZero @Max(TransferRequest.TIMEOUT_SECONDS_MAX) Integer timeoutSeconds,
                    @Pattern(regexp = ID, message = ID_RULE) String pendingId,
                    @Pattern(regexp = "post|void", message = "must be post or void") String action, Boolean linked) {

        @AssertTrue(message = "amount, debitAccountId and creditAccountId are required unless action is post or void")
        boolean isComplete() {
            return action != null || (amount != null && debitAccountId != null && creditAccountId != null);
        }

        TransferRequest toRequest() {
            return new TransferRequest(id, debitAccountId, creditAccountId, amount == null ? 0 : amount,
                    Boolean.TRUE.equals(pending), timeoutSeconds == null ? 0 : timeoutSeconds, pendingId,
                    action == null ? null : PendingAction.valueOf(action.toUpperCase(Locale.ROOT)),
                    Boolean.TRUE.equals(linked));
        }
    }

    record Result(String id, String result) {
    }

    record EntryView(long sequence, String transferId, String kind, String side, String counterpartyAccountId,
                     long amount, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending,
                     long balance, Instant createdAt) {

        static EntryView of(StatementEntry e) {
            Balance b = e.balanceAfter();
            return new EntryView(e.sequence(), e.transferId(), e.kind(), e.side(), e.counterpartyAccountId(), e.amount(),
                    b.debitsPosted(), b.creditsPosted(), b.debitsPending(), b.creditsPending(), b.net(), e.createdAt());
        }
    }

    record EntryPage(List<EntryView> data, String nextCursor) {
    }

    record BalanceView(String accountId, Instant at, long debitsPosted, long creditsPosted, long debitsPending,
                       long creditsPending, long balance) {
    }

    @PostMapping("/accounts")
    ResponseEntity<AccountView> open(@Valid @RequestBody OpenAccount body) {
        Flags flags = body.flags() == null ? new Flags(false, false) : body.flags();
        AccountResult result = ledger.createAccounts(List.of(new AccountRequest(body.id(), body.currency(), body.code(),
                flags.debits(), flags.credits()))).getFirst();
        if (!result.outcome().ok()) {
            throw new ResponseStatusException(result.outcome().name().startsWith("EXISTS")
                    ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST, result.outcome().name());
        }
        AccountView view = AccountView.of(ledger.account(result.id()).orElseThrow());
        return result.outcome() == AccountOutcome.CREATED
                ? ResponseEntity.created(URI.create("/v1/ledger/accounts/" + result.id())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping("/accounts/{id}")
    AccountView account(@PathVariable @Pattern(regexp = ID, message = ID_RULE) String id) {
        return ledger.account(id).map(AccountView::of).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/transfers")
    List<Result> transfers(@RequestBody @NotNull @Size(min = 1, max = Ledger.BATCH_TRANSFERS_MAX) List<@Valid @NotNull TransferBody> body) {
        List<TransferResult> results;
        try {
            results = ledger.submit(body.stream().map(TransferBody::toRequest).toList());
        } catch (LedgerUnavailable e) {
            // The outcome may be unknown; the client resubmits the same ids, which is always safe.
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "ledger unavailable", e);
        }
        return results.stream().map(r -> new Result(r.id(), r.outcome().name().toLowerCase(Locale.ROOT))).toList();
    }

    /** Lets a client that lost an answer (a timeout, a 503) learn whether its transfer exists. */
    @GetMapping("/transfers/{id}")
    Transfer transfer(@PathVariable @Pattern(regexp = ID, message = ID_RULE) String id) {
        return ledger.transfer(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/accounts/{id}/entries")
    EntryPage entries(@PathVariable @Pattern(regexp = ID, message = ID_RULE) String id,
                      @RequestParam(required = false) @Pattern(regexp = "[0-9]{1,18}", message = "must be a cursor from a previous page") String cursor,
                      @RequestParam(defaultValue = "50") @Min(1) @Max(Ledger.STATEMENT_PAGE_MAX) int limit) {
        account(id);
        StatementPage page = ledger.statement(id, cursor == null ? 0 : Long.parseLong(cursor), limit);
        return new EntryPage(page.entries().stream().map(EntryView::of).toList(),
                page.nextAfter() == null ? null : page.nextAfter().toString());
    }

    @GetMapping("/accounts/{id}/balance")
    BalanceView balanceAt(@PathVariable @Pattern(regexp = ID, message = ID_RULE) String id, @RequestParam Instant at) {
        Balance b = ledger.balanceAt(id, at).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new BalanceView(id, at, b.debitsPosted(), b.creditsPosted(), b.debitsPending(), b.creditsPending(), b.net());
    }
}
