package io.bastion.wallet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The wallet rows: who owns which ledger account, IBANs, top-up references and the balance bound. */
@Component
final class WalletStore {

    static final int WALLETS_PER_USER_MAX = 20;
    private static final String COLUMNS = "id, user_id, currency, iban, ledger_account_id, topup_reference, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    WalletStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Inserts a wallet unless the user has one in the currency or the IBAN or reference is taken; true when inserted. */
    boolean insert(Wallet wallet) {
        return jdbc.sql("""
                INSERT INTO wallet_wallet (id, user_id, currency, iban, ledger_account_id, topup_reference, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(wallet.id(), wallet.userId(), wallet.currency(), wallet.iban(), wallet.ledgerAccountId(),
                        wallet.topupReference(), utc(wallet.createdAt())).update() == 1;
    }

    List<Wallet> ofUser(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_wallet WHERE user_id = ? ORDER BY currency LIMIT ?")
                .params(userId, WALLETS_PER_USER_MAX).query(WalletStore::map).list();
    }

    Optional<Wallet> byId(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_wallet WHERE id = ?").param(id).query(WalletStore::map).optional();
    }

    Optional<Wallet> owned(String userId, String id) {
        return byId(id).filter(w -> w.userId().equals(userId));
    }

    Optional<Wallet> byIban(String iban) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_wallet WHERE iban = ?").param(iban).query(WalletStore::map).optional();
    }

    Optional<Wallet> byTopupReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_wallet WHERE topup_reference = ?").param(reference)
                .query(WalletStore::map).optional();
    }

    Optional<Wallet> ofUserInCurrency(String userId, String currency) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM wallet_wallet WHERE user_id = ? AND currency = ?")
                .params(userId, currency).query(WalletStore::map).optional();
    }

    /**
     * Raises the wallet's balance bound before a credit, unless that would pass the cap. One conditional
     * UPDATE: the row lock orders concurrent credits, and each sees the bound the one before it left.
     */
    boolean reserveCredit(String walletId, long amountMinor, long capMinor) {
        return jdbc.sql("""
                UPDATE wallet_wallet SET balance_bound_minor = balance_bound_minor + ?
                WHERE id = ? AND balance_bound_minor + ? <= ?""")
                .params(amountMinor, walletId, amountMinor, capMinor).update() == 1;
    }

    /** Lowers the bound after a debit posted, or when a reserved credit did not happen. */
    void lowerBound(String walletId, long amountMinor) {
        jdbc.sql("UPDATE wallet_wallet SET balance_bound_minor = greatest(balance_bound_minor - ?, 0) WHERE id = ?")
                .params(amountMinor, walletId).update();
    }

    /** Records what a customer sees beside a ledger transfer in their statement. */
    void recordMovement(String transferId, String kind, String payerLabel, String payeeLabel, String reference) {
        jdbc.sql("""
                INSERT INTO wallet_movement (transfer_id, kind, payer_label, payee_label, reference, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(transferId, kind, payerLabel, payeeLabel, reference, utc(clock.instant())).update();
    }

    record Movement(String transferId, String kind, String payerLabel, String payeeLabel, String reference) {
    }

    List<Movement> movements(List<String> transferIds) {
        if (transferIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT transfer_id, kind, payer_label, payee_label, reference FROM wallet_movement WHERE transfer_id = ANY(?)")
                .param(transferIds.toArray(String[]::new))
                .query((rs, n) -> new Movement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Wallet map(ResultSet rs, int row) throws SQLException {
        return new Wallet(rs.getString("id"), rs.getString("user_id"), rs.getString("currency").trim(), rs.getString("iban"),
                rs.getString("ledger_account_id"), rs.getString("topup_reference"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
