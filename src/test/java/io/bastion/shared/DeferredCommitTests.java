package io.bastion.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deferred commit changes one transaction only: the connection goes back to the pool as it came, and the write
 * itself happens as usual. (The test server runs with synchronous commits off throughout, so each test sets them
 * on for its own session first, as a durable server has them.)
 */
@BastionTest
class DeferredCommitTests {

    @Autowired
    DataSource dataSource;

    @Test
    void aTransactionWithTheConditionCommitsWithoutWaitingAndTheNextTransactionWaitsAgain() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var session = durable(c, s)) {
            c.setAutoCommit(false);
            assertThat(s.executeUpdate("INSERT INTO deferred_probe SELECT 'first' WHERE " + DeferredCommit.CONDITION))
                    .isEqualTo(1);
            assertThat(setting(s)).isEqualTo("off");
            c.commit();
            assertThat(setting(s)).isEqualTo("on");
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM deferred_probe WHERE note = 'first'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aStatementOutsideATransactionIsItsOwnTransactionAndLeavesTheSessionAsItWas() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var session = durable(c, s)) {
            s.execute("INSERT INTO deferred_probe VALUES ('before')");
            assertThat(s.executeUpdate("UPDATE deferred_probe SET note = 'after' WHERE note = 'before' AND "
                    + DeferredCommit.CONDITION)).isEqualTo(1);
            assertThat(setting(s)).isEqualTo("on");
            try (ResultSet rs = s.executeQuery("SELECT note FROM deferred_probe")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("after");
            }
        }
    }

    @Test
    void aTransactionThatRollsBackLeavesNeitherItsWriteNorTheSetting() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); var session = durable(c, s)) {
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO deferred_probe SELECT 'lost' WHERE " + DeferredCommit.CONDITION);
            c.rollback();
            c.setAutoCommit(true);
            assertThat(setting(s)).isEqualTo("on");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM deferred_probe")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    /** Sets synchronous commits on for the session, with a probe table; closing puts the pooled connection back as it was. */
    private static AutoCloseable durable(Connection c, Statement s) throws SQLException {
        s.execute("SET synchronous_commit TO on");
        s.execute("CREATE TEMPORARY TABLE deferred_probe (note text)");
        return () -> {
            c.setAutoCommit(true);
            s.execute("DROP TABLE IF EXISTS deferred_probe");
            s.execute("RESET synchronous_commit");
        };
    }

    private static String setting(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
