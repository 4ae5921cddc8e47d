package io.bastion.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shows, for each write to the watched tables, whether the transaction that made it had deferred its commit
 * ({@link io.bastion.shared.DeferredCommit}). A row trigger notes the row's key and where {@code synchronous_commit}
 * came from at that moment: {@code session} when the transaction set it off for itself, the server's own source
 * otherwise. (The test server runs with synchronous commits off throughout, so the value alone would not tell.)
 * It sees the writes of every connection, so a test reads the rows of its own keys; close it to drop the triggers.
 */
public final class CommitProbe implements AutoCloseable {

    /** One write of a row: its table, operation and key, and whether its transaction's commit was deferred. */
    public record Write(String table, String operation, String key, boolean deferred) {
    }

    private final JdbcClient owner;
    private final Set<String> tables;

    private CommitProbe(JdbcClient owner, Set<String> tables) {
        this.owner = owner;
        this.tables = tables;
    }

    /**
     * Starts watching the tables, each with the column that names its rows (the schema owner's client creates the
     * triggers).
     */
    public static CommitProbe watch(JdbcClient owner, Map<String, String> keyColumnByTable) {
        owner.sql("""
                CREATE TABLE IF NOT EXISTS commit_probe (n bigserial PRIMARY KEY, tbl text, op text, key text,
                    source text)""").update();
        owner.sql("TRUNCATE commit_probe").update();
        // Security definer: the ledger's writers connect as a role of their own.
        owner.sql("""
                CREATE OR REPLACE FUNCTION commit_probe_note() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
                BEGIN
                    INSERT INTO commit_probe (tbl, op, key, source)
                    SELECT TG_TABLE_NAME, TG_OP,
                        to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0], s.source
                    FROM pg_settings s WHERE s.name = 'synchronous_commit';
                    RETURN NULL;
                END $$""").update();
        keyColumnByTable.forEach((table, key) -> owner.sql("CREATE TRIGGER commit_probe AFTER INSERT OR UPDATE OR "
                + "DELETE ON " + table + " FOR EACH ROW EXECUTE FUNCTION commit_probe_note('" + key + "')").update());
        return new CommitProbe(owner, Set.copyOf(keyColumnByTable.keySet()));
    }

    /** The writes noted so far of rows whose key contains one of {@code fragments}, in order. */
    public List<Write> writes(String... fragments) {
        return owner.sql("""
                SELECT tbl, op, key, source FROM commit_probe
                WHERE EXISTS (SELECT 1 FROM unnest(?::text[]) f WHERE strpos(key, f) > 0) ORDER BY n""")
                .param(fragments)
                .query((rs, n) -> new Write(rs.getString(1), rs.getString(2), rs.getString(3),
                        "session".equals(rs.getString(4))))
                .list();
    }

    @Override
    public void close() {
        for (String table : tables) {
            owner.sql("DROP TRIGGER IF EXISTS commit_probe ON " + table).update();
        }
        owner.sql("DROP TABLE IF EXISTS commit_probe").update();
        owner.sql("DROP FUNCTION IF EXISTS commit_probe_note()").update();
    }
}
