package io.bastion.acquiring;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountOutcome;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.AccountResult;
import io.bastion.ledger.Ledger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ledger accounts of card acceptance: per currency, the card-network settlement account (money the
 * network owes Bastion) and fee revenue; per merchant and currency, the merchant's balance, opened lazily
 * on the merchant's first payment in that currency and never allowed to go negative.
 */
@Component
final class AcquiringAccounts {

    /** A merchant holds balances in at most this many currencies as far as the dashboard lists them. */
    static final int CURRENCIES_MAX = 50;

    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final IntentStore store;
    /**
     * Merchant balance accounts found, by merchant and currency. A merchant's account for a currency is chosen
     * once (the first insert wins) and never changes, so remembering it is safe.
     */
    private final Cache<String, String> balances = Caffeine.newBuilder().maximumSize(REMEMBERED_MAX).build();

    /** Merchant balance accounts remembered at most. */
    static final int REMEMBERED_MAX = 10_000;

    AcquiringAccounts(Ledger ledger, JdbcClient jdbc, IntentStore store) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.store = Objects.requireNonNull(store, "store");
    }

    static String settlement(String currency) {
        return "sys-card-receivable-" + currency;
    }

    static String feeRevenue(String currency) {
        return AccountCode.feeRevenueAccount(currency);
    }

    /** Merchant payouts on their way to the merchant's bank: a client liability until the bank confirms. */
    static String payoutsInTransit(String currency) {
        return "sys-merchant-payouts-in-transit-" + currency;
    }

    /** Opens the merchant payouts-in-transit account of a currency unless it exists; false if the ledger refuses. */
    boolean ensurePayoutsInTransit(String currency) {
        return ledger.ensureAccounts(List.of(AccountRequest.of(payoutsInTransit(currency), currency,
                AccountCode.PAYOUTS_IN_TRANSIT.code())));
    }

    /** Opens the company accounts of a currency unless they exist; false for a currency the ledger refuses. */
    boolean ensureCurrency(String currency) {
        return ledger.ensureAccounts(List.of(
                AccountRequest.of(settlement(currency), currency, AccountCode.CARD_RECEIVABLE.code()),
                AccountRequest.of(feeRevenue(currency), currency, AccountCode.FEE_REVENUE.code())));
    }

    /** The merchant's balance account in the currency, opened now if it is the first. */
    String merchantBalance(String merchantId, String currency) {
        // Looked up and put apart: the cache's own loading would hold a lock across the database work.
        String key = merchantId + "/" + currency;
        String known = balances.getIfPresent(key);
        if (known != null) {
            return known;
        }
        String account = openMerchantBalance(merchantId, currency);
        balances.put(key, account);
        return account;
    }

    private String openMerchantBalance(String merchantId, String currency) {
        Optional<String> existing = find(merchantId, currency);
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = Ids.next("acct");
        AccountResult result = ledger.createAccounts(List.of(new AccountRequest(id, currency,
                AccountCode.MERCHANT_BALANCE.code(), true, false))).getFirst();
        if (result.outcome() != AccountOutcome.CREATED) {
            throw new IllegalStateException("merchant balance account: " + result.outcome());
        }
        // A concurrent first payment may have won; its account is the one, and ours stays empty and unused.
        jdbc.sql("""
                INSERT INTO acquiring_merchant_account (merchant_id, currency, ledger_account_id, created_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(merchantId, currency, id, store.now()).update();
        return find(merchantId, currency).orElseThrow();
    }

    /** The merchant's balance accounts as the ledger has them now, by currency. */
    java.util.Map<String, io.bastion.ledger.Account> merchantAccounts(String merchantId) {
        java.util.Map<String, String> ids = new java.util.TreeMap<>();
        jdbc.sql("SELECT currency, ledger_account_id FROM acquiring_merchant_account WHERE merchant_id = ? ORDER BY currency LIMIT ?")
                .params(merchantId, CURRENCIES_MAX).query(rs -> {
                    ids.put(rs.getString(1), rs.getString(2));
                });
        java.util.Map<String, io.bastion.ledger.Account> byId = new java.util.HashMap<>();
        ledger.accounts(ids.values()).forEach(a -> byId.put(a.id(), a));
        java.util.Map<String, io.bastion.ledger.Account> accounts = new java.util.TreeMap<>();
        ids.forEach((currency, id) -> {
            if (byId.containsKey(id)) {
                accounts.put(currency, byId.get(id));
            }
        });
        return accounts;
    }

    private Optional<String> find(String merchantId, String currency) {
        return jdbc.sql("SELECT ledger_account_id FROM acquiring_merchant_account WHERE merchant_id = ? AND currency = ?")
                .params(merchantId, currency).query(String.class).optional();
    }
}
