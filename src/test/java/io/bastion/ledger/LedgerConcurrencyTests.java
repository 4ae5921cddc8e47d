package io.bastion.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import io.bastion.testing.BastionTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Jepsen's bank test against the ledger: many clients move money at random among flagged accounts while
 * readers watch. The total never changes, no flagged account goes below zero, and no transfer is applied
 * twice, even when the same transfer is submitted by several clients at once. Half the clients use a second
 * Bastion instance on the same database, as a second node behind a load balancer would.
 */
@BastionTest
class LedgerConcurrencyTests {

    static final int ACCOUNTS = 10;
    static final int CLIENTS = 8;
    static final int READERS = 2;
    static final int OPERATIONS_PER_CLIENT = 120;
    static final long FUNDING = 1_000;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "bank" + i + "-" + run).toList();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final List<TransferRequest> shared = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @Test
    void theTotalNeverChangesNoAccountGoesNegativeAndNoTransferAppliesTwice() throws Exception {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(Bastion.class)
                .properties("server.port=0").run()) {
            bank(List.of(ledger, second.getBean(Ledger.class)));
        }
    }

    private void bank(List<Ledger> nodes) throws Exception {
        fund();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + READERS);
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(pool.submit(() -> {
                while (writing.get()) {
                    nodes.forEach(node -> check(node.accounts(accounts)));
                }
            }));
        }
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            long seed = c * 7919L + run.hashCode();
            int client = c;
            clients.add(pool.submit(() -> client(client, nodes.get(client % nodes.size()), new Random(seed))));
        }
        for (Future<?> f : clients) {
            f.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> f : readers) {
            f.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        check(ledger.accounts(accounts));
        assertThat(violations).isEmpty();
        assertThat(created.entrySet()).allMatch(e -> e.getValue().get() == 1, "each transfer created exactly once");
        assertThat(created).hasSizeGreaterThan(CLIENTS * OPERATIONS_PER_CLIENT / 4);
        assertBalancesMatchTheTransfers();
    }

    private void fund() {
        List<AccountRequest> requests = new ArrayList<>();
        requests.add(AccountRequest.of("bank-source-" + run, "EUR", 1));
        accounts.forEach(id -> requests.add(AccountRequest.debitsMustNotExceedCredits(id, "EUR", 2)));
        assertThat(ledger.createAccounts(requests)).allMatch(r -> r.outcome() == AccountOutcome.CREATED);
        List<TransferRequest> funding = accounts.stream()
                .map(id -> TransferRequest.of("fund-" + id, "bank-source-" + run, id, FUNDING)).toList();
        assertThat(ledger.submit(funding)).allMatch(r -> r.outcome() == TransferOutcome.CREATED);
    }

    private void client(int client, Ledger node, Random random) {
        for (int op = 0; op < OPERATIONS_PER_CLIENT; op++) {
            String id = "c" + client + "-" + op + "-" + run;
            String from = accounts.get(random.nextInt(ACCOUNTS));
            String to = accounts.get(random.nextInt(ACCOUNTS));
            long amount = 1 + random.nextInt(400);
            List<TransferRequest> batch = switch (random.nextInt(5)) {
                case 0 -> List.of(TransferRequest.pending(id, from, to, amount, 0),
                        random.nextBoolean() ? TransferRequest.post(id + "p", id, amount / 2 + 1)
                                : TransferRequest.voidPending(id + "v", id));
                case 1 -> List.of(TransferRequest.of(id, from, to, amount).linkedToNext(),
                        TransferRequest.of(id + "l", to, accounts.get(random.nextInt(ACCOUNTS)), amount));
                case 2 -> shared.isEmpty() ? List.of() : List.of(shared.get(random.nextInt(shared.size())));
                default -> List.of(TransferRequest.of(id, from, to, amount));
            };
            if (random.nextInt(4) == 0 && batch.size() == 1) {
                shared.add(batch.getFirst());
            }
            record(node.submit(batch));
        }
    }

    private void record(List<TransferResult> results) {
        for (TransferResult result : results) {
            if (result.outcome() == TransferOutcome.CREATED) {
                created.computeIfAbsent(result.id(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    private void check(List<Account> snapshot) {
        long total = 0;
        for (Account account : snapshot) {
            Balance b = account.balance();
            total += b.net();
            if (b.debitsPosted() + b.debitsPending() > b.creditsPosted()) {
                violations.add(account.id() + " overdrawn: " + b);
            }
        }
        if (total != FUNDING * ACCOUNTS) {
            violations.add("total " + total + " in " + snapshot);
        }
    }

    /** Recomputes every balance from the transfer rows alone and compares it with the account's columns. */
    private void assertBalancesMatchTheTransfers() {
        List<String> all = new ArrayList<>(accounts);
        all.add("bank-source-" + run);
        for (String id : all) {
            Balance stored = ledger.account(id).orElseThrow().balance();
            Balance recomputed = jdbc.sql("""
                    SELECT
                      coalesce(sum(amount) FILTER (WHERE debit_account_id = :id AND kind IN ('transfer', 'post')), 0),
                      coalesce(sum(amount) FILTER (WHERE credit_account_id = :id AND kind IN ('transfer', 'post')), 0),
                      coalesce(sum(amount) FILTER (WHERE debit_account_id = :id AND kind = 'pending' AND NOT resolved), 0),
                      coalesce(sum(amount) FILTER (WHERE credit_account_id = :id AND kind = 'pending' AND NOT resolved), 0)
                    FROM (SELECT t.*, EXISTS (SELECT 1 FROM ledger_transfer r WHERE r.pending_id = t.id) AS resolved
                          FROM ledger_transfer t WHERE t.debit_account_id = :id OR t.credit_account_id = :id) t""")
                    .param("id", id)
                    .query((rs, n) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
            assertThat(recomputed).as(id).isEqualTo(stored);
        }
    }
}
