package io.bastion.wallet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What the safeguarding bank's imported statements say: the latest closing balance per account and currency. */
@Service
public final class BankStatements {

    public static final int CLOSING_BALANCES_MAX = 1000;

    private final JdbcClient jdbc;

    BankStatements(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * The latest closing booked balance of each (account IBAN, currency) from the imported camt.053
     * statements: the one with the latest booking date, and of those the latest imported.
     */
    public List<ClosingBalance> latestClosingBalances() {
        return jdbc.sql("""
                SELECT DISTINCT ON (account_iban, currency) currency, account_iban, booked_on,
                    closing_balance_minor, imported_at
                FROM wallet_bank_closing_balance
                ORDER BY account_iban, currency, booked_on DESC, imported_at DESC
                LIMIT ?""")
                .param(CLOSING_BALANCES_MAX)
                .query(BankStatements::closingBalance).list();
    }

    private static ClosingBalance closingBalance(ResultSet rs, int row) throws SQLException {
        return new ClosingBalance(rs.getString("currency").trim(), rs.getString("account_iban"),
                rs.getObject("booked_on", java.time.LocalDate.class), rs.getLong("closing_balance_minor"),
                rs.getObject("imported_at", OffsetDateTime.class).toInstant());
    }
}
