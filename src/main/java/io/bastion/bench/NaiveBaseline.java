package io.bastion.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Phase (a): the textbook way, one JDBC transaction per transfer that locks both accounts in id order
 * (SELECT ... FOR UPDATE), updates both balances and inserts the transfer. Its tables live in a scratch
 * schema that the bench creates and drops.
 */
final class NaiveBaseline implements AutoCloseable {

    // Scratch tables in the application's own schema: the application role may create tables, not schemas.
    static final String ACCOUNTS = "bench_naive_account";
    static final String TRANSFERS = "bench_naive_transfer";
    static final int ATTEMPTS_MAX = 8;
    static final long OPENING_BALANCE = 1_000_000_000_000L;

    private final DataSource dataSource;
    private final int accounts;
    private final String run;
    private final AtomicLong ids = new AtomicLong();
    private final Connection[] connections;

    NaiveBaseline(DataSource dataSource, int accounts, int clients, String run) throws SQLException {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.run = run;
        this.connections = new Connection[clients];
        createSchema();
        for (int i = 0; i < clients; i++) {
            connections[i] = dataSource.getConnection();
            connections[i].setAutoCommit(false);
        }
    }

    private void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TRANSFERS + ", " + ACCOUNTS);
            s.execute("CREATE TABLE " + ACCOUNTS + " (id text PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
            s.execute("CREATE TABLE " + TRANSFERS + " (seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,"
                    + " id text PRIMARY KEY, debit_account_id text NOT NULL REFERENCES " + ACCOUNTS + ","
                    + " credit_account_id text NOT NULL REFERENCES " + ACCOUNTS + ","
                    + " amount bigint NOT NULL CHECK (amount > 0), created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE INDEX ON " + TRANSFERS + " (debit_account_id, seq)");
            s.execute("CREATE INDEX ON " + TRANSFERS + " (credit_account_id, seq)");
            s.execute("INSERT INTO " + ACCOUNTS + " SELECT 'n' || i, " + OPENING_BALANCE
                    + " FROM generate_series(0, " + (accounts - 1) + ") i");
            s.execute("ANALYZE " + ACCOUNTS);
        }
    }

    /** One transfer between two random accounts in its own transaction, retried on a serialization failure or deadlock. */
    int transfer(int client, ThreadLocalRandom random) throws SQLException {
        int from = random.nextInt(accounts);
        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
        String id = "n" + run + "_" + ids.incrementAndGet();
        long amount = 1 + random.nextInt(1000);
        Connection c = connections[client];
        for (int attempt = 1; ; attempt++) {
            try {
                boolean done = transferOnce(c, id, "n" + from, "n" + to, amount);
                c.commit();
                return done ? 1 : 0;
            } catch (SQLException e) {
                c.rollback();
                if (attempt >= ATTEMPTS_MAX || !("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState()))) {
                    throw e;
                }
            }
        }
    }

    private static boolean transferOnce(Connection c, String id, String from, String to, long amount) throws SQLException {
        long fromBalance = -1;
        try (PreparedStatement lock = c.prepareStatement(
                "SELECT id, balance FROM " + ACCOUNTS + " WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            lock.setArray(1, c.createArrayOf("text", new String[] {from, to}));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals(from)) {
                        fromBalance = rs.getLong(2);
                    }
                }
            }
        }
        if (fromBalance < amount) {
            return false;
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE " + ACCOUNTS + " SET balance = balance + ? WHERE id = ?")) {
            update.setLong(1, -amount);
            update.setString(2, from);
            update.executeUpdate();
            update.setLong(1, amount);
            update.setString(2, to);
            update.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + TRANSFERS + " (id, debit_account_id, credit_account_id, amount) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, from);
            insert.setString(3, to);
            insert.setLong(4, amount);
            insert.executeUpdate();
        }
        return true;
    }

    /** The connections the clients hold, one each. */
    List<Connection> connections() {
        return List.of(connections);
    }

    /** Returns the connections and drops the scratch schema. */
    @Override
    public void close() throws SQLException {
        for (Connection c : connections) {
            if (c != null) {
                c.rollback();
                c.setAutoCommit(true);
                c.close();
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TRANSFERS + ", " + ACCOUNTS);
        }
    }
}
