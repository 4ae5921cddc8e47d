package io.bastion.issuing;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The issuing_card and issuing_daily_spend rows. */
@Component
final class CardStore {

    static final int CARDS_PER_USER_MAX = 50;
    private static final String COLUMNS = """
            id, user_id, wallet_id, ledger_account_id, currency, vault_token, masked, expiry_month, status, cvv_key_id,
            online_enabled, transaction_limit_minor, daily_limit_minor, allowed_countries, blocked_mccs,
            replaces_card_id, created_at""";

    private final JdbcClient jdbc;

    CardStore(JdbcClient jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    void insert(Card card) {
        CardControls c = card.controls();
        jdbc.sql("INSERT INTO issuing_card (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(card.id(), card.userId(), card.walletId(), card.ledgerAccountId(), card.currency(), card.token(),
                        card.masked(), card.expiry().atDay(1), card.status().name(), card.cvvKeyId(), c.onlineEnabled(),
                        c.transactionLimitMinor(), c.dailyLimitMinor(), c.allowedCountries().toArray(String[]::new),
                        c.blockedMccs().toArray(String[]::new), card.replacesCardId(), utc(card.createdAt()))
                .update();
    }

    Optional<Card> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issuing_card WHERE id = ?").param(id).query(CardStore::map).optional();
    }

    Optional<Card> owned(String userId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issuing_card WHERE id = ? AND user_id = ?").params(id, userId)
                .query(CardStore::map).optional();
    }

    Optional<Card> byToken(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issuing_card WHERE vault_token = ?").param(token)
                .query(CardStore::map).optional();
    }

    List<Card> ofUser(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM issuing_card WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?")
                .params(userId, CARDS_PER_USER_MAX).query(CardStore::map).list();
    }

    int countOpen(String userId) {
        return jdbc.sql("SELECT count(*) FROM issuing_card WHERE user_id = ? AND status <> 'CLOSED'").param(userId)
                .query(Integer.class).single();
    }

    /** Moves a card from one status to another; false when it was not in the expected status any more. */
    boolean move(String id, CardStatus from, CardStatus to, Instant at) {
        if (!from.mayBecome(to)) {
            throw new IllegalStateException("a card may not move from " + from + " to " + to);
        }
        return jdbc.sql("UPDATE issuing_card SET status = ?, closed_at = CASE WHEN ? = 'CLOSED' THEN ? ELSE closed_at END "
                        + "WHERE id = ? AND status = ?")
                .params(to.name(), to.name(), utc(at), id, from.name()).update() == 1;
    }

    void updateControls(String id, CardControls c) {
        jdbc.sql("""
                UPDATE issuing_card SET online_enabled = ?, transaction_limit_minor = ?, daily_limit_minor = ?,
                    allowed_countries = ?, blocked_mccs = ? WHERE id = ?""")
                .params(c.onlineEnabled(), c.transactionLimitMinor(), c.dailyLimitMinor(),
                        c.allowedCountries().toArray(String[]::new), c.blockedMccs().toArray(String[]::new), id)
                .update();
    }

    void releaseDailySpend(String cardId, LocalDate day, long amountMinor) {
        if (amountMinor <= 0) {
            return;
        }
        jdbc.sql("UPDATE issuing_daily_spend SET spent_minor = greatest(spent_minor - ?, 0) WHERE card_id = ? AND day = ?")
                .params(amountMinor, cardId, day).update();
    }

    long dailySpend(String cardId, LocalDate day) {
        return jdbc.sql("SELECT spent_minor FROM issuing_daily_spend WHERE card_id = ? AND day = ?").params(cardId, day)
                .query(Long.class).optional().orElse(0L);
    }

    private static Card map(ResultSet rs, int n) throws SQLException {
        CardControls controls = new CardControls(rs.getBoolean("online_enabled"), rs.getLong("transaction_limit_minor"),
                rs.getLong("daily_limit_minor"), strings(rs.getArray("allowed_countries")), strings(rs.getArray("blocked_mccs")));
        return new Card(rs.getString("id"), rs.getString("user_id"), rs.getString("wallet_id"),
                rs.getString("ledger_account_id"), rs.getString("currency"), rs.getString("vault_token"),
                rs.getString("masked"), YearMonth.from(rs.getObject("expiry_month", LocalDate.class)),
                CardStatus.valueOf(rs.getString("status")), rs.getInt("cvv_key_id"), controls,
                rs.getString("replaces_card_id"), rs.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
