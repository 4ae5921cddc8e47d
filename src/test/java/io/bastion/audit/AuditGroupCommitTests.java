package io.bastion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.audit.AuditVerification.Intact;
import io.bastion.testing.BastionTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many threads recording at once share transactions (group commit), yet every caller gets its own sequence
 * number only once its entry is committed, the chain stays intact, and an entry the database refuses fails
 * alone, not the entries appended beside it.
 */
@BastionTest
class AuditGroupCommitTests {

    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;
    @Autowired org.springframework.beans.factory.ObjectProvider<io.bastion.keys.Keys> keys;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void concurrentRecordsGetDistinctCommittedSequenceNumbersAndTheChainStaysIntact() throws Exception {
        long before = count();
        int threads = 16;
        int each = 40;
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        long seq = audit.record(new AuditRecord("tester", "test.concurrent", "t" + thread + "-" + i,
                                AuditRecord.Outcome.SUCCESS, "127.0.0.1", Map.of("i", Integer.toString(i))));
                        // Committed when record returns: another connection sees it at once.
                        assertThat(jdbc.sql("SELECT target FROM audit_entry WHERE seq = ?").param(seq).query(String.class)
                                .single()).isEqualTo("t" + thread + "-" + i);
                        seqs.add(seq);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(seqs).hasSize(threads * each);
        assertThat(audit.verify()).isEqualTo(new Intact(before + threads * each));
    }

    @Test
    void anEntryTheDatabaseRefusesFailsAloneAndTheOthersBesideItAreRecorded() throws Exception {
        long before = count();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // PostgreSQL refuses a NUL character in text: that one entry cannot be stored.
            String target = i == 7 ? "bad\u0000target" : "good-" + i;
            calls.add(() -> {
                try {
                    audit.record(AuditRecord.of("tester", "test.refused", target, AuditRecord.Outcome.INFO, "127.0.0.1"));
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            });
        }
        List<Boolean> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                outcomes.add(f.get());
            }
        }
        assertThat(outcomes.stream().filter(ok -> !ok).count()).isEqualTo(1);
        assertThat(outcomes.get(7)).isFalse();
        assertThat(audit.verify()).isEqualTo(new Intact(before + 19));
    }

    @Test
    void twoProcessesAppendingInTurnKeepOneUnbrokenChain() throws Exception {
        // A second AuditLog on the same database stands for another Bastion process: each remembers the head it
        // last wrote, so each must notice the other's entries and chain after them, never beside them.
        AuditLog other = new AuditLog(jdbc, clock, keys, transactions);
        long before = count();
        List<Long> seqs = new ArrayList<>();
        for (int round = 0; round < 30; round++) {
            AuditLog writer = round % 3 == 0 ? other : audit;
            seqs.add(writer.record(AuditRecord.of("tester", "test.processes", "round-" + round, AuditRecord.Outcome.INFO,
                    "127.0.0.1")));
        }
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
        assertThat(count()).isEqualTo(before + 30);
        assertThat(audit.verify()).isEqualTo(new Intact(before + 30));
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
    }
}
