package io.bastion.ledger;

import static io.bastion.ledger.TransferOutcome.CREATED;
import static io.bastion.ledger.TransferOutcome.EXISTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.bastion.testing.BastionTest;
import io.bastion.testing.CommitProbe;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@BastionTest
class LedgerTests {

    @Autowired
    Ledger ledger;

    @Autowired
    ExpirySweep sweep;

    @Autowired
    MeterRegistry meters;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "-" + run;
    }

    @Test
    void manyCallersOpeningTheSameNewAccountAtOnceAllSucceedAndItIsOpenedOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            AccountRequest settlement = AccountRequest.of(id("settlement-" + round), "EUR", 3);
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
                List<Future<AccountOutcome>> outcomes = IntStream.range(0, 8).mapToObj(i -> callers.submit(() -> {
                    start.await();
                    return ledger.createAccounts(List.of(settlement)).getFirst().outcome();
                })).toList();
                start.countDown();
                List<AccountOutcome> answered = new java.util.ArrayList<>();
                for (Future<AccountOutcome> outcome : outcomes) {
                    answered.add(outcome.get());
                }
                assertThat(answered).as("round %d", round).allMatch(AccountOutcome::ok)
                        .filteredOn(o -> o == AccountOutcome.CREATED).hasSize(1);
            }
        }
    }

    /** Opens a funding source (no limits) and a customer account whose debits must not exceed its credits. */
    private void open(String currency) {
        assertThat(ledger.createAccounts(List.of(AccountRequest.of(id("source"), currency, 1),
                AccountRequest.debitsMustNotExceedCredits(id("alice"), currency, 2),
                AccountRequest.debitsMustNotExceedCredits(id("bob"), currency, 2))))
                .allMatch(r -> r.outcome() == AccountOutcome.CREATED);
    }

    private List<TransferOutcome> submit(TransferRequest... transfers) {
        return ledger.submit(List.of(transfers)).stream().map(TransferResult::outcome).toList();
    }

    private Balance balance(String name) {
        return ledger.account(id(name)).orElseThrow().balance();
    }

    @Test
    void transfersSubmittedToCommitLaterAreMadeAsAnyOthersAndOnlyTheirBatchSkipsTheWaitForTheDisk() {
        open("EUR");
        TransferRequest later = TransferRequest.of(id("later"), id("source"), id("alice"), 300);
        try (CommitProbe probe = CommitProbe.watch(jdbc, Map.of("ledger_transfer", "id"))) {
            assertThat(ledger.submitCommittingLater(List.of(later))).extracting(TransferResult::outcome).containsExactly(CREATED);
            assertThat(submit(TransferRequest.of(id("now"), id("source"), id("alice"), 200))).containsExactly(CREATED);

            assertThat(probe.writes(run)).extracting(CommitProbe.Write::key, CommitProbe.Write::deferred)
                    .containsExactly(tuple(id("later"), true), tuple(id("now"), false));
        }
        assertThat(ledger.submitCommittingLater(List.of(later))).extracting(TransferResult::outcome).containsExactly(EXISTS);
        assertThat(balance("alice")).isEqualTo(new Balance(0, 500, 0, 0));
    }

    @Test
    void postsATransferAndAnswersExistsWhenTheSameIdIsResubmitted() {
        open("EUR");
        TransferRequest fund = TransferRequest.of(id("t1"), id("source"), id("alice"), 500);
        assertThat(submit(fund)).containsExactly(CREATED);
        assertThat(submit(fund)).containsExactly(EXISTS);
        assertThat(submit(TransferRequest.of(id("t1"), id("source"), id("alice"), 501)))
                .containsExactly(TransferOutcome.EXISTS_WITH_DIFFERENT_AMOUNT);
        assertThat(submit(TransferRequest.of(id("t1"), id("source"), id("bob"), 500)))
                .containsExactly(TransferOutcome.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID);
        assertThat(balance("alice")).isEqualTo(new Balance(0, 500, 0, 0));
        assertThat(balance("source")).isEqualTo(new Balance(500, 0, 0, 0));
    }

    @Test
    void aResubmittedTransferThatCouldNoLongerBeMadeStillAnswersExistsAndMovesNothing() {
        open("EUR");
        TransferRequest pay = TransferRequest.of(id("t2"), id("alice"), id("bob"), 300);
        assertThat(submit(TransferRequest.of(id("t1"), id("source"), id("alice"), 300), pay)).containsExactly(CREATED, CREATED);
        // Alice has nothing left: made afresh, the payment would exceed her credits. Its id is taken, so it exists,
        // alone, beside a new transfer, and beside a transfer the batch rejects.
        assertThat(submit(pay)).containsExactly(EXISTS);
        assertThat(submit(TransferRequest.of(id("t3"), id("source"), id("bob"), 5), pay)).containsExactly(CREATED, EXISTS);
        assertThat(submit(TransferRequest.of(id("t4"), id("alice"), id("bob"), 1), pay))
                .containsExactly(TransferOutcome.EXCEEDS_CREDITS, EXISTS);
        assertThat(submit(TransferRequest.of(id("t2"), id("alice"), id("bob"), 299)))
                .containsExactly(TransferOutcome.EXISTS_WITH_DIFFERENT_AMOUNT);
        // The same new id twice in one batch: the first is created, the second exists.
        TransferRequest twice = TransferRequest.of(id("t5"), id("source"), id("bob"), 7);
        assertThat(submit(twice, twice)).containsExactly(CREATED, EXISTS);
        assertThat(balance("alice")).isEqualTo(new Balance(300, 300, 0, 0));
        assertThat(balance("bob")).isEqualTo(new Balance(0, 312, 0, 0));
    }

    @Test
    void rejectsATransferThatExceedsCreditsWithoutFailingTheOthersInTheBatch() {
        open("EUR");
        assertThat(submit(TransferRequest.of(id("t1"), id("source"), id("alice"), 100),
                TransferRequest.of(id("t2"), id("alice"), id("bob"), 101),
                TransferRequest.of(id("t3"), id("alice"), id("bob"), 100),
                TransferRequest.of(id("t4"), id("alice"), id("alice"), 1),
                TransferRequest.of(id("t5"), id("alice"), id("nobody"), 1),
                TransferRequest.of(id("t6"), id("alice"), id("bob"), 0)))
                .containsExactly(CREATED, TransferOutcome.EXCEEDS_CREDITS, CREATED,
                        TransferOutcome.ACCOUNTS_MUST_BE_DIFFERENT, TransferOutcome.CREDIT_ACCOUNT_NOT_FOUND,
                        TransferOutcome.AMOUNT_MUST_BE_POSITIVE);
        assertThat(balance("alice")).isEqualTo(new Balance(100, 100, 0, 0));
        assertThat(balance("bob").net()).isEqualTo(100);
    }

    @Test
    void rejectsATransferBetweenCurrencies() {
        open("EUR");
        ledger.createAccounts(List.of(AccountRequest.of(id("pounds"), "GBP", 1)));
        assertThat(submit(TransferRequest.of(id("t1"), id("pounds"), id("alice"), 1)))
                .containsExactly(TransferOutcome.CURRENCIES_MUST_MATCH);
    }

    @Test
    void aPendingTransferReservesTheAmountUntilPostedForLess() {
        open("EUR");
        submit(TransferRequest.of(id("fund"), id("source"), id("alice"), 100));
        assertThat(submit(TransferRequest.pending(id("hold"), id("alice"), id("bob"), 80, 0))).containsExactly(CREATED);
        assertThat(balance("alice")).isEqualTo(new Balance(0, 100, 80, 0));
        assertThat(submit(TransferRequest.of(id("t2"), id("alice"), id("bob"), 30)))
                .containsExactly(TransferOutcome.EXCEEDS_CREDITS);
        assertThat(submit(TransferRequest.post(id("capture"), id("hold"), 81)))
                .containsExactly(TransferOutcome.EXCEEDS_PENDING_TRANSFER_AMOUNT);
        assertThat(submit(TransferRequest.post(id("capture"), id("hold"), 50))).containsExactly(CREATED);
        assertThat(balance("alice")).isEqualTo(new Balance(50, 100, 0, 0));
        assertThat(balance("bob")).isEqualTo(new Balance(0, 50, 0, 0));
        assertThat(submit(TransferRequest.voidPending(id("cancel"), id("hold"))))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(submit(TransferRequest.post(id("p2"), id("fund"), 0)))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_NOT_PENDING);
        assertThat(submit(TransferRequest.post(id("p3"), id("nothing"), 0)))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_NOT_FOUND);
    }

    @Test
    void aVoidedPendingTransferReleasesItsReservationAndCannotBePosted() {
        open("EUR");
        submit(TransferRequest.of(id("fund"), id("source"), id("alice"), 100),
                TransferRequest.pending(id("hold"), id("alice"), id("bob"), 100, 0),
                TransferRequest.voidPending(id("cancel"), id("hold")),
                TransferRequest.post(id("capture"), id("hold"), 0));
        assertThat(balance("alice")).isEqualTo(new Balance(0, 100, 0, 0));
        assertThat(submit(TransferRequest.post(id("capture"), id("hold"), 0)))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_ALREADY_VOIDED);
    }

    @Test
    void anExpiredPendingTransferCannotBePostedAndTheSweepVoidsIt() throws InterruptedException {
        open("EUR");
        submit(TransferRequest.of(id("fund"), id("source"), id("alice"), 100),
                TransferRequest.pending(id("hold"), id("alice"), id("bob"), 70, 1));
        assertThat(balance("alice").debitsPending()).isEqualTo(70);
        Thread.sleep(1100);
        assertThat(submit(TransferRequest.post(id("capture"), id("hold"), 0)))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_EXPIRED);
        sweep.run();
        assertThat(balance("alice")).isEqualTo(new Balance(0, 100, 0, 0));
        assertThat(balance("bob")).isEqualTo(Balance.ZERO);
        assertThat(submit(TransferRequest.voidPending(id("cancel"), id("hold"))))
                .containsExactly(TransferOutcome.PENDING_TRANSFER_EXPIRED);
    }

    @Test
    void aLinkedChainSucceedsOrFailsAsAWhole() {
        open("EUR");
        submit(TransferRequest.of(id("fund"), id("source"), id("alice"), 100));
        assertThat(submit(TransferRequest.of(id("a"), id("alice"), id("bob"), 60).linkedToNext(),
                TransferRequest.of(id("b"), id("alice"), id("bob"), 50),
                TransferRequest.of(id("c"), id("alice"), id("bob"), 10)))
                .containsExactly(TransferOutcome.LINKED_EVENT_FAILED, TransferOutcome.EXCEEDS_CREDITS, CREATED);
        assertThat(balance("alice")).isEqualTo(new Balance(10, 100, 0, 0));
        assertThat(submit(TransferRequest.of(id("a"), id("alice"), id("bob"), 60).linkedToNext(),
                TransferRequest.of(id("b"), id("alice"), id("bob"), 30)))
                .containsExactly(CREATED, CREATED);
        assertThat(submit(TransferRequest.of(id("d"), id("alice"), id("bob"), 1).linkedToNext()))
                .containsExactly(TransferOutcome.LINKED_EVENT_CHAIN_OPEN);
        assertThat(balance("alice")).isEqualTo(new Balance(100, 100, 0, 0));
    }

    @Test
    void theStatementShowsRunningBalancesPageByPageAndBalancesAtAnInstant() throws InterruptedException {
        open("EUR");
        for (int i = 1; i <= 5; i++) {
            submit(TransferRequest.of(id("t" + i), id("source"), id("alice"), i * 10L));
        }
        Instant between = Instant.now();
        Thread.sleep(5);
        submit(TransferRequest.of(id("t6"), id("alice"), id("bob"), 15));
        StatementPage first = ledger.statement(id("alice"), 0, 4);
        assertThat(first.entries()).extracting(e -> e.balanceAfter().net()).containsExactly(10L, 30L, 60L, 100L);
        StatementPage second = ledger.statement(id("alice"), first.nextAfter(), 4);
        assertThat(second.entries()).extracting(e -> e.balanceAfter().net()).containsExactly(150L, 135L);
        assertThat(second.entries().getLast().side()).isEqualTo("debit");
        assertThat(second.nextAfter()).isNull();
        assertThat(ledger.balanceAt(id("alice"), between).orElseThrow().net()).isEqualTo(150);
        assertThat(ledger.balanceAt(id("alice"), Instant.EPOCH)).contains(Balance.ZERO);
    }

    @Test
    void concurrentCallersShareBatches() throws Exception {
        open("EUR");
        submit(TransferRequest.of(id("fund"), id("source"), id("alice"), 1_000));
        DistributionSummary batches = meters.get("bastion.ledger.batch.transfers").summary();
        long batchesBefore = batches.count();
        int callers = 64;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<TransferOutcome>>> results = IntStream.range(0, callers).mapToObj(i -> threads.submit(
                    () -> submit(TransferRequest.of(id("c" + i), id("alice"), id("bob"), 1)))).toList();
            for (Future<List<TransferOutcome>> result : results) {
                assertThat(result.get()).containsExactly(CREATED);
            }
        }
        assertThat(balance("bob").net()).isEqualTo(callers);
        assertThat(batches.count() - batchesBefore).isLessThan(callers);
    }

    @Test
    void accountsAreIdempotentAndGetARandomIdWhenNoneIsGiven() {
        open("EUR");
        List<AccountResult> results = ledger.createAccounts(List.of(
                AccountRequest.debitsMustNotExceedCredits(id("alice"), "EUR", 2),
                AccountRequest.of(id("alice"), "EUR", 2),
                AccountRequest.debitsMustNotExceedCredits(id("alice"), "USD", 2),
                AccountRequest.of(null, "EUR", 3),
                AccountRequest.of(id("x"), "XYZ", 3),
                new AccountRequest(id("y"), "EUR", 3, true, true)));
        assertThat(results).extracting(AccountResult::outcome).containsExactly(AccountOutcome.EXISTS,
                AccountOutcome.EXISTS_WITH_DIFFERENT_FLAGS, AccountOutcome.EXISTS_WITH_DIFFERENT_CURRENCY,
                AccountOutcome.CREATED, AccountOutcome.CURRENCY_MUST_BE_ISO_4217,
                AccountOutcome.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
        assertThat(results.get(3).id()).startsWith("acct_");
    }
}
