package io.bastion.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.bastion.audit.AuditVerification.Broken;
import io.bastion.audit.AuditVerification.Intact;
import io.bastion.audit.AuditVerification.Reason;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.shared.ConfigurationWarning;
import io.bastion.testing.BastionTest;
import io.bastion.testing.CommitProbe;
import io.bastion.testing.TestClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
class AuditLogTests {

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Keys keys;

    @Autowired
    TestClient client;

    @Autowired
    ApplicationContext context;

    Tampering tampering;

    @BeforeEach
    void setUp() {
        tampering = new Tampering(jdbc);
    }

    @Test
    void chainIsIntactAfterManyRecordsWithACheckpointAtEachInterval() {
        long before = tampering.count();
        long checkpointsBefore = checkpoints();
        for (int i = 0; i < 2 * AuditLog.CHECKPOINT_INTERVAL_ENTRIES + 10; i++) {
            audit.record(new AuditRecord("tester", "test.many", "item-" + i, AuditRecord.Outcome.SUCCESS, "127.0.0.1",
                    Map.of("round", Integer.toString(i))));
        }
        assertThat(checkpoints() - checkpointsBefore).isGreaterThanOrEqualTo(2);
        assertThat(audit.verify()).isEqualTo(new Intact(before + 2 * AuditLog.CHECKPOINT_INTERVAL_ENTRIES + 10));
        assertThat(audit.verify().message()).isEqualTo("intact, " + tampering.count() + " entries");
    }

    @Test
    void anEntryRecordedToCommitLaterIsCommittedAndChainedAndOnlyItsCommitSkipsTheWaitForTheDisk() {
        String run = java.util.UUID.randomUUID().toString();
        // This process then knows the head, and no checkpoint falls due on the next entry (one signs synchronously).
        recordOne("test.before");
        Map<String, Object> head = jdbc.sql("SELECT last_seq, last_checkpoint_seq FROM audit_chain_head").query().singleRow();
        if ((Long) head.get("last_seq") + 1 - (Long) head.get("last_checkpoint_seq") >= AuditLog.CHECKPOINT_INTERVAL_ENTRIES) {
            recordOne("test.before");
        }
        try (CommitProbe probe = CommitProbe.watch(jdbc, Map.of("audit_entry", "target"))) {
            long later = audit.record(AuditRecord.of("tester", "test.later", "later-" + run,
                    AuditRecord.Outcome.SUCCESS, "127.0.0.1"), true);
            assertThat(jdbc.sql("SELECT target FROM audit_entry WHERE seq = ?").param(later).query(String.class).single())
                    .isEqualTo("later-" + run);
            audit.record(AuditRecord.of("tester", "test.now", "now-" + run, AuditRecord.Outcome.SUCCESS, "127.0.0.1"));

            assertThat(probe.writes(run)).extracting(CommitProbe.Write::key, CommitProbe.Write::deferred)
                    .containsExactly(tuple("later-" + run, true), tuple("now-" + run, false));
        }
        assertThat(audit.verify()).isInstanceOf(Intact.class);
    }

    @Test
    void databaseRefusesToUpdateOrDeleteEntriesOrCheckpoints() {
        long seq = recordOne("test.refused");
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET action = 'test.changed' WHERE seq = ?").param(seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        audit.checkpoint();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_checkpoint SET signature = signature").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(tampering.entry(seq).action()).isEqualTo("test.refused");
    }

    @Test
    void detectsAnAlteredEntry() {
        long seq = recordOne("test.original");
        recordOne("test.after");
        assertDetected(() -> tampering.run("UPDATE audit_entry SET action = 'test.forged' WHERE seq = ?", seq),
                () -> tampering.run("UPDATE audit_entry SET action = 'test.original' WHERE seq = ?", seq),
                new Broken(seq, Reason.ALTERED));
        assertThat(new Broken(seq, Reason.ALTERED).message()).isEqualTo("broken at entry " + seq + ": altered");
    }

    @Test
    void detectsAnEntryRewrittenTogetherWithItsHash() {
        long seq = recordOne("test.original");
        recordOne("test.after");
        AuditEntry original = tampering.entry(seq);
        AuditEntry forged = new AuditEntry(seq, original.occurredAt(), original.actor(), "test.forged", original.target(),
                original.outcome(), original.originIp(), original.details(), original.previousHash(), null);
        assertDetected(() -> tampering.run("UPDATE audit_entry SET action = ?, hash = ? WHERE seq = ?",
                        forged.action(), forged.expectedHash(), seq),
                () -> tampering.run("UPDATE audit_entry SET action = ?, hash = ? WHERE seq = ?",
                        original.action(), original.hash(), seq),
                new Broken(seq, Reason.ALTERED));
    }

    @Test
    void detectsARemovedEntry() {
        long seq = recordOne("test.removed");
        recordOne("test.after");
        AuditEntry original = tampering.entry(seq);
        assertDetected(() -> tampering.delete(seq), () -> tampering.reinsert(original), new Broken(seq, Reason.REMOVED));
    }

    @Test
    void detectsARemovedLastEntryThroughTheChainHead() {
        long seq = recordOne("test.last");
        AuditEntry original = tampering.entry(seq);
        assertDetected(() -> tampering.delete(seq), () -> tampering.reinsert(original), new Broken(seq, Reason.REMOVED));
    }

    @Test
    void detectsATruncatedTailThroughTheLastCheckpointEvenWhenTheHeadIsRewound() {
        long seq = recordOne("test.checkpointed");
        audit.checkpoint();
        AuditEntry original = tampering.entry(seq);
        assertDetected(() -> {
            tampering.delete(seq);
            tampering.moveHead(seq - 1, original.previousHash());
        }, () -> {
            tampering.reinsert(original);
            tampering.moveHead(seq, original.hash());
        }, new Broken(seq, Reason.REMOVED));
    }

    @Test
    void detectsAReorderedPair() {
        long first = recordOne("test.first");
        long second = recordOne("test.second");
        recordOne("test.after");
        assertDetected(() -> tampering.swap(first, second), () -> tampering.swap(first, second),
                new Broken(first, Reason.REORDERED));
    }

    @Test
    void detectsACheckpointWithAForgedSignature() {
        long seq = recordOne("test.forged-checkpoint");
        byte[] hash = tampering.entry(seq).hash();
        assertCheckpointDetected(new AuditCheckpoint(seq, hash, Instant.now(), new byte[69]),
                new Broken(seq, Reason.CHECKPOINT_SIGNATURE_INVALID));
    }

    @Test
    void detectsAChainThatDiffersFromItsSignedCheckpoint() {
        long seq = recordOne("test.mismatch");
        assertCheckpointDetected(AuditCheckpoint.sign(seq, new byte[32], Instant.now(), keys.signer(KeyPurpose.AUDIT_CHECKPOINT)),
                new Broken(seq, Reason.CHECKPOINT_MISMATCH));
    }

    @Test
    void startUpAndConfigurationWarningsAreRecordedWithoutTheirValues() {
        assertThat(count("bastion.started", "")).isPositive();
        assertThat(count("config.warning", "BASTION_MASTER_KEY_FILE")).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE details LIKE '%master-key.json%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aFatalConfigurationProblemIsRecordedAsAFailureNamingOnlyTheSetting() {
        context.publishEvent(new ConfigurationWarning(this, "BASTION_TEST_SETTING", "value was hunter2-secret", true));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'config.invalid' AND target = ? AND outcome = 'FAILURE'")
                .param("BASTION_TEST_SETTING").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry e WHERE strpos(e::text, 'hunter2') > 0")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aConfigurationProblemDoesNotFailAgainWhenTheAuditLogIsUnavailable() {
        ConfigurationAudit listener = new ConfigurationAudit(new StaticListableBeanFactory().getBeanProvider(AuditLog.class), false);
        listener.onApplicationEvent(new ConfigurationWarning(this, "BASTION_X", "broken", true));
    }

    @Test
    void recordsNeverContainAnApiKeySecret() {
        String bogus = "op_live_" + "notARealKeyButSecretAnyway0123456789";
        assertThat(client.getAsOperator("/v1/audit/entries?limit=1").statusCode()).isEqualTo(200);
        assertThat(client.get("/v1/audit/entries", Map.of("Authorization", "Bearer " + bogus)).statusCode()).isEqualTo(401);
        assertThat(count("apikey.rejected", "")).isPositive();
        for (String secret : new String[] {client.operatorKey(), bogus}) {
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entry e WHERE strpos(e::text, ?) > 0")
                    .param(secret).query(Long.class).single()).isZero();
        }
    }

    @Test
    void anEntryRecordedInsideAnActionThatRollsBackStaysOnRecord(
            @Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        long before = tampering.count();
        recordOne("test.before-failed-action");
        long[] inside = new long[2];
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("SELECT 1").query(Integer.class).single();
            inside[0] = recordOne("test.failed-action");
            inside[1] = recordOne("test.failed-action-again");
            status.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE seq IN (?, ?) ORDER BY seq")
                .params(inside[0], inside[1]).query(String.class).list())
                .containsExactly("test.failed-action", "test.failed-action-again");
        assertThat(audit.verify()).isEqualTo(new Intact(before + 3));
    }

    private long recordOne(String action) {
        return audit.record(AuditRecord.of("tester", action, "target", AuditRecord.Outcome.SUCCESS, "127.0.0.1"));
    }

    private long checkpoints() {
        return jdbc.sql("SELECT count(*) FROM audit_checkpoint").query(Long.class).single();
    }

    private long count(String action, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND target = ?").params(action, target)
                .query(Long.class).single();
    }

    /** Tampers, expects the verifier to name the damage, and always repairs so the chain is intact again. */
    private void assertDetected(Runnable tamper, Runnable repair, AuditVerification expected) {
        try {
            tamper.run();
            assertThat(audit.verify()).isEqualTo(expected);
        } finally {
            repair.run();
        }
        assertThat(audit.verify()).isInstanceOf(Intact.class);
    }

    private void assertCheckpointDetected(AuditCheckpoint checkpoint, AuditVerification expected) {
        long[] id = new long[1];
        assertDetected(() -> id[0] = jdbc.sql("""
                        INSERT INTO audit_checkpoint (last_seq, last_hash, signed_at, signature) VALUES (?, ?, ?, ?) RETURNING id""")
                        .params(checkpoint.lastSeq(), checkpoint.lastHash(),
                                OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC), checkpoint.signature())
                        .query(Long.class).single(),
                () -> tampering.run("DELETE FROM audit_checkpoint WHERE id = ?", id[0]), expected);
    }
}
