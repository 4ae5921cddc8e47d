package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Random sequences of transfer batches (plain, pending, post, void, linked chains, duplicates and invalid
 * requests) give the same results and balances in the real ledger as in {@link LedgerModel}. Each try uses
 * fresh account and transfer ids in one shared database.
 */
class LedgerPropertyTests {

    private static final List<String> ACCOUNTS = List.of("a0", "a1", "a2", "a3", "a4", "a9");
    private static final AtomicInteger TRIES = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static ConfigurableApplicationContext context;
    private static Ledger ledger;

    // jqwik does not run Spring's JUnit extension, so the property starts its own Bastion on the shared database.
    @BeforeContainer
    static void start() {
        context = new SpringApplicationBuilder(Bastion.class).properties("server.port=0").run();
        ledger = context.getBean(Ledger.class);
    }

    @AfterContainer
    static void stop() {
        context.close();
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void theLedgerAgreesWithTheReferenceModel(@ForAll("batches") List<List<TransferRequest>> batches) {
        String prefix = "p" + RUN + "-" + TRIES.incrementAndGet() + "-";
        LedgerModel model = new LedgerModel();
        open(model, prefix);
        for (List<TransferRequest> batch : batches) {
            List<TransferRequest> requests = batch.stream().map(r -> prefixed(r, prefix)).toList();
            List<TransferOutcome> actual = ledger.submit(requests).stream().map(TransferResult::outcome).toList();
            assertThat(actual).as("results of %s", requests).isEqualTo(model.submit(requests));
            actual.forEach(outcome -> Statistics.label("outcomes").collect(outcome));
        }
        for (String account : ACCOUNTS.subList(0, 5)) {
            Balance balance = ledger.account(prefix + account).orElseThrow().balance();
            assertThat(balance).as(account).isEqualTo(model.balance(prefix + account));
            List<StatementEntry> entries = ledger.statement(prefix + account, 0, Ledger.STATEMENT_PAGE_MAX).entries();
            assertThat(entries.isEmpty() ? Balance.ZERO : entries.getLast().balanceAfter()).isEqualTo(balance);
        }
    }

    /** a0 is unconstrained, a1 and a2 hold customer funds, a3's credits may not exceed its debits, a4 is in GBP. */
    private static void open(LedgerModel model, String p) {
        assertThat(ledger.createAccounts(List.of(AccountRequest.of(p + "a0", "EUR", 1),
                AccountRequest.debitsMustNotExceedCredits(p + "a1", "EUR", 2),
                AccountRequest.debitsMustNotExceedCredits(p + "a2", "EUR", 2),
                AccountRequest.creditsMustNotExceedDebits(p + "a3", "EUR", 3),
                AccountRequest.of(p + "a4", "GBP", 1)))).allMatch(r -> r.outcome() == AccountOutcome.CREATED);
        model.open(p + "a0", "EUR", false, false);
        model.open(p + "a1", "EUR", true, false);
        model.open(p + "a2", "EUR", true, false);
        model.open(p + "a3", "EUR", false, true);
        model.open(p + "a4", "GBP", false, false);
        List<TransferRequest> funding = List.of(TransferRequest.of(p + "f1", p + "a0", p + "a1", 100),
                TransferRequest.of(p + "f2", p + "a0", p + "a2", 50));
        assertThat(ledger.submit(funding).stream().map(TransferResult::outcome).toList())
                .isEqualTo(model.submit(funding));
    }

    private static TransferRequest prefixed(TransferRequest r, String p) {
        return new TransferRequest(p + r.id(), r.debitAccountId() == null ? null : p + r.debitAccountId(),
                r.creditAccountId() == null ? null : p + r.creditAccountId(), r.amount(), r.pending(),
                r.timeoutSeconds(), r.pendingId() == null ? null : p + r.pendingId(), r.action(), r.linked());
    }

    @Provide
    Arbitrary<List<List<TransferRequest>>> batches() {
        // A quarter of the batches are sent twice in a row, as a client retrying after a lost answer would.
        return request().list().ofMinSize(1).ofMaxSize(8)
                .flatMap(b -> Arbitraries.frequency(Tuple.of(3, List.of(b)), Tuple.of(1, List.of(b, b))))
                .list().ofMinSize(4).ofMaxSize(14)
                .map(groups -> groups.stream().flatMap(List::stream).toList());
    }

    private Arbitrary<TransferRequest> request() {
        Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.integers().between(0, 7).map(i -> "t" + i)),
                Tuple.of(1, Arbitraries.just("bad id")));
        Arbitrary<String> accounts = Arbitraries.frequency(Tuple.of(4, "a0"), Tuple.of(4, "a1"), Tuple.of(4, "a2"),
                Tuple.of(2, "a3"), Tuple.of(1, "a4"), Tuple.of(1, "a9"));
        // Mostly two different accounts: the same account twice is a rule worth hitting, not the common case.
        Arbitrary<List<String>> pairs = Arbitraries.frequencyOf(
                Tuple.of(15, accounts.flatMap(dr -> accounts.filter(cr -> !cr.equals(dr)).map(cr -> List.of(dr, cr)))), Tuple.of(1, accounts.map(a -> List.of(a, a))));
        Arbitrary<Long> amounts = Arbitraries.frequencyOf(Tuple.of(30, Arbitraries.longs().between(1, 60)),
                Tuple.of(1, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.just(-1L)),
                Tuple.of(1, Arbitraries.just(Long.MAX_VALUE - 3)));
        Arbitrary<Long> resolveAmounts = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 60)));
        Arbitrary<Integer> timeouts = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.just(3600)), Tuple.of(1, Arbitraries.just(-1)));
        Arbitrary<Boolean> linked = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        Arbitrary<TransferRequest> plain = Combinators.combine(ids, pairs, amounts, linked)
                .as((id, pair, amount, l) -> new TransferRequest(id, pair.get(0), pair.get(1), amount, false, 0, null, null, l));
        Arbitrary<TransferRequest> pending = Combinators.combine(ids, pairs, amounts, timeouts, linked)
                .as((id, pair, amount, t, l) -> new TransferRequest(id, pair.get(0), pair.get(1), amount, true, t, null,
                        null, l));
        Arbitrary<TransferRequest> resolution = Combinators.combine(ids, ids, resolveAmounts, accounts.injectNull(0.8),
                        accounts.injectNull(0.8), Arbitraries.of(PendingAction.class), linked)
                .as((id, pendingId, amount, dr, cr, action, l) -> new TransferRequest(id, dr, cr, amount, false, 0,
                        pendingId, action, l));
        Arbitrary<TransferRequest> odd = Combinators.combine(ids, ids.injectNull(0.5), amounts, timeouts,
                        Arbitraries.of(true, false), Arbitraries.of(PendingAction.class).injectNull(0.5), linked)
                .as((id, pendingId, amount, t, p, action, l) -> new TransferRequest(id, "a1", "a2", amount, p, t,
                        pendingId, action, l));
        return Arbitraries.frequencyOf(Tuple.of(5, plain), Tuple.of(3, pending), Tuple.of(4, resolution), Tuple.of(1, odd));
    }
}
