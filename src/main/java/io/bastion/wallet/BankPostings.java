package io.bastion.wallet;

import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Acts on one checked bank entry: an incoming credit tops up the wallet whose reference it carries (else
 * it goes to suspense and the review list); a payout's debit posts its hold and moves the amount from
 * payouts in transit to the safeguarding account; a return voids the hold. Ledger ids derive from the
 * bank's reference, and the entry is recorded only after the ledger answered, so a re-import never posts twice.
 */
@Component
final class BankPostings {

    private static final Pattern TOPUP_REFERENCE = Pattern.compile("BST-[A-Z0-9]{4}-[A-Z0-9]{4}");

    private final Ledger ledger;
    private final WalletStore wallets;
    private final WalletSettings settings;
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    BankPostings(Ledger ledger, WalletStore wallets, WalletSettings settings, JdbcClient jdbc, java.time.Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    boolean seen(String entryRef) {
        return jdbc.sql("SELECT count(*) FROM wallet_bank_entry WHERE entry_ref = ?").param(entryRef).query(Long.class).single() > 0;
    }

    /** Acts on an entry not seen before; answers the recorded outcome. */
    String apply(BankEntry entry, String fileId) {
        Optional<PayoutRow> payout = entry.endToEndId() == null ? Optional.empty() : payout(entry.endToEndId());
        if (payout.isPresent() && entry.returned()) {
            submit(TransferRequest.voidPending("wb-" + holdId(payout.get()) + "-void", holdId(payout.get())));
            resolvePayout(payout.get(), PayoutStatus.RETURNED);
            return record(entry, fileId, "payout_returned", payout.get().walletId());
        }
        if (payout.isPresent() && !entry.credit()) {
            String hold = holdId(payout.get());
            boolean created = submit(TransferRequest.post("wb-" + hold + "-post", hold, 0).linkedToNext(),
                    TransferRequest.of("wb-" + hold + "-bank", CompanyAccounts.inTransit(entry.currency()),
                            CompanyAccounts.safeguarding(entry.currency()), payout.get().amountMinor()));
            if (created) {
                wallets.lowerBound(payout.get().walletId(), payout.get().amountMinor());
            }
            resolvePayout(payout.get(), PayoutStatus.POSTED);
            return record(entry, fileId, "payout_posted", payout.get().walletId());
        }
        // A debit that is no payout of ours is left to the daily reconciliation; money that came in (a return
        // of a payout already confirmed included) is always booked, to a wallet or to suspense.
        if (!entry.credit()) {
            return record(entry, fileId, "ignored", null);
        }
        return topUp(entry, fileId);
    }

    private String topUp(BankEntry entry, String fileId) {
        Matcher m = TOPUP_REFERENCE.matcher(entry.remittance().toUpperCase(Locale.ROOT));
        Optional<Wallet> wallet = m.find() ? wallets.byTopupReference(m.group()).filter(w -> w.currency().equals(entry.currency()))
                : Optional.empty();
        String transferId = "wb-" + digest(entry.entryRef());
        if (wallet.isPresent() && wallets.reserveCredit(wallet.get().id(), entry.amountMinor(),
                settings.levelOf(wallet.get().userId()).balanceCapMinor())) {
            submit(TransferRequest.of(transferId, CompanyAccounts.safeguarding(entry.currency()),
                    wallet.get().ledgerAccountId(), entry.amountMinor()));
            wallets.recordMovement(transferId, "topup", entry.debtorName().isEmpty() ? "Bank transfer" : shorten(entry.debtorName()),
                    wallet.get().iban(), shorten(entry.remittance()));
            return record(entry, fileId, "credited", wallet.get().id());
        }
        submit(TransferRequest.of(transferId, CompanyAccounts.safeguarding(entry.currency()),
                CompanyAccounts.suspense(entry.currency()), entry.amountMinor()));
        String outcome = record(entry, fileId, "suspense", null);
        jdbc.sql("""
                INSERT INTO wallet_unmatched_credit (id, entry_ref, amount_minor, currency, debtor_name, remittance, status,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING""")
                .params(Ids.next("umc"), entry.entryRef(), entry.amountMinor(), entry.currency(), entry.debtorName(),
                        entry.remittance(), WalletStore.utc(clock.instant())).update();
        return outcome;
    }

    private String record(BankEntry entry, String fileId, String outcome, String walletId) {
        jdbc.sql("""
                INSERT INTO wallet_bank_entry (entry_ref, file_id, direction, amount_minor, currency, outcome, wallet_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(entry.entryRef(), fileId, entry.credit() ? "credit" : "debit", entry.amountMinor(), entry.currency(),
                        outcome, walletId, WalletStore.utc(clock.instant())).update();
        return outcome;
    }

    record PayoutRow(String id, String walletId, long amountMinor, String status) {
    }

    private Optional<PayoutRow> payout(String endToEndId) {
        return jdbc.sql("SELECT id, wallet_id, amount_minor, status FROM wallet_payout WHERE end_to_end_id = ? AND status IN ('held', 'exported')")
                .param(endToEndId).query((rs, n) -> new PayoutRow(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    private void resolvePayout(PayoutRow payout, PayoutStatus status) {
        jdbc.sql("UPDATE wallet_payout SET status = ?, resolved_at = ? WHERE id = ? AND status = ANY(?)")
                .params(status.stored(), WalletStore.utc(clock.instant()), payout.id(), PayoutStatus.sourcesOf(status)).update();
    }

    private static String holdId(PayoutRow payout) {
        return OrderExecution.holdTransferId(payout.id());
    }

    /** Credits a reviewed suspense item to a wallet; false when it is not open or the wallet cannot take it. */
    boolean creditFromSuspense(UnmatchedCredit item, Wallet wallet) {
        if (!wallet.currency().equals(item.currency())
                || !wallets.reserveCredit(wallet.id(), item.amountMinor(), settings.levelOf(wallet.userId()).balanceCapMinor())) {
            return false;
        }
        int claimed = jdbc.sql("UPDATE wallet_unmatched_credit SET status = 'credited', wallet_id = ?, resolved_at = ? WHERE id = ? AND status = 'open'")
                .params(wallet.id(), WalletStore.utc(clock.instant()), item.id()).update();
        if (claimed == 0) {
            wallets.lowerBound(wallet.id(), item.amountMinor());
            return false;
        }
        String transferId = "wu-" + digest(item.id());
        submit(TransferRequest.of(transferId, CompanyAccounts.suspense(item.currency()), wallet.ledgerAccountId(), item.amountMinor()));
        wallets.recordMovement(transferId, "topup", item.debtorName().isEmpty() ? "Bank transfer" : shorten(item.debtorName()),
                wallet.iban(), shorten(item.remittance()));
        return true;
    }

    /** Submits a chain the ledger must accept; true when it was created now, false when it existed already. */
    private boolean submit(TransferRequest... chain) {
        List<TransferResult> results = ledger.submit(List.of(chain));
        for (TransferResult r : results) {
            if (r.outcome() != TransferOutcome.CREATED && r.outcome() != TransferOutcome.EXISTS) {
                throw new IllegalStateException("ledger refused bank posting " + r.id() + ": " + r.outcome());
            }
        }
        return results.stream().allMatch(r -> r.outcome() == TransferOutcome.CREATED);
    }

    private static String shorten(String text) {
        return text.length() > PayeeHandle.REFERENCE_LENGTH_MAX ? text.substring(0, PayeeHandle.REFERENCE_LENGTH_MAX) : text;
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
