package io.bastion.wallet;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bank files exchanged with the safeguarding bank, for operations staff: imports camt.053 statements and
 * camt.054 notifications (checked whole before anything changes), exports held payouts as pain.001, and
 * keeps the review list of credits that matched no wallet.
 */
@Service
public final class BankFiles {

    public static final int PAYOUTS_PER_FILE_MAX = 1000;
    public static final int REVIEW_LIST_MAX = 200;

    private final CompanyAccounts company;
    private final BankPostings postings;
    private final WalletStore wallets;
    private final WalletSettings settings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditLog audit;

    BankFiles(CompanyAccounts company, BankPostings postings, WalletStore wallets, WalletSettings settings, JdbcClient jdbc,
              TransactionTemplate transactions, Clock clock, AuditLog audit) {
        this.company = Objects.requireNonNull(company, "company");
        this.postings = Objects.requireNonNull(postings, "postings");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Imports a camt.053 or camt.054 file; a malformed one is refused whole with its line and reason. */
    public ImportReport importFile(String fileName, byte[] content, String staffUserId) throws MalformedBankFile {
        BankStatementFile file;
        try {
            file = CamtReader.read(content, settings.safeguardingIban(), Set.copyOf(settings.currencies()));
        } catch (MalformedBankFile e) {
            audit.record(new AuditRecord(staffUserId, "wallet.bankfile.rejected", safeName(fileName), AuditRecord.Outcome.DENIED,
                    "", Map.of("line", Integer.toString(e.line()))));
            throw e;
        }
        file.entries().stream().map(BankEntry::currency).distinct().forEach(company::ensure);
        String sha = sha256(content);
        Optional<String> existing = jdbc.sql("SELECT id FROM wallet_bank_file WHERE sha256 = ?").param(sha).query(String.class).optional();
        String fileId = existing.orElseGet(() -> insertFile(sha, file.kind(), safeName(fileName), file.entries().size()));
        Instant now = clock.instant();
        for (BankStatementFile.Closing c : file.closings()) {
            jdbc.sql("""
                    INSERT INTO wallet_bank_closing_balance (file_id, account_iban, currency, booked_on, closing_balance_minor, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                    .params(fileId, c.accountIban(), c.currency(), c.bookedOn(), c.amountMinor(), WalletStore.utc(now)).update();
        }
        int[] counts = new int[6];
        for (BankEntry entry : file.entries()) {
            String outcome = postings.seen(entry.entryRef()) ? "seen" : postings.apply(entry, fileId);
            counts[List.of("credited", "suspense", "payout_posted", "payout_returned", "seen", "ignored").indexOf(outcome)]++;
        }
        ImportReport report = new ImportReport(fileId, file.kind(), existing.isPresent(), counts[0], counts[1], counts[2],
                counts[3], counts[4], counts[5]);
        audit.record(new AuditRecord(staffUserId, "wallet.bankfile.imported", fileId, AuditRecord.Outcome.SUCCESS, "",
                Map.of("kind", file.kind(), "credited", Integer.toString(report.credited()),
                        "suspense", Integer.toString(report.suspense()))));
        return report;
    }

    private String insertFile(String sha, String kind, String name, int entries) {
        String id = Ids.next("bf");
        jdbc.sql("""
                INSERT INTO wallet_bank_file (id, sha256, kind, name, entries, imported_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING""")
                .params(id, sha, kind, name, entries, WalletStore.utc(clock.instant())).update();
        return jdbc.sql("SELECT id FROM wallet_bank_file WHERE sha256 = ?").param(sha).query(String.class).single();
    }

    /** Exports every held payout not yet exported into one pain.001.001.09 file; empty when there is none. */
    public Optional<PayoutFile> exportPayouts(String staffUserId) {
        Optional<PayoutFile> file = transactions.execute(status -> {
            List<String> ids = jdbc.sql("""
                    SELECT id FROM wallet_payout WHERE status = 'held' ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .param(PAYOUTS_PER_FILE_MAX).query(String.class).list();
            if (ids.isEmpty()) {
                return Optional.<PayoutFile>empty();
            }
            List<Pain001Writer.Payout> payouts = jdbc.sql("""
                    SELECT end_to_end_id, amount_minor, currency, creditor_name, creditor_iban, reference
                    FROM wallet_payout WHERE id = ANY(?) ORDER BY created_at""").param(ids.toArray(String[]::new))
                    .query((rs, n) -> new Pain001Writer.Payout(rs.getString(1), rs.getLong(2), rs.getString(3).trim(),
                            rs.getString(4), rs.getString(5), rs.getString(6))).list();
            String messageId = "BST" + Ids.endToEnd().substring(5, 25);
            byte[] xml = Pain001Writer.write(messageId, clock.instant(), settings.debtorName(), settings.safeguardingIban(), payouts);
            String name = "pain001-" + messageId + ".xml";
            String fileId = insertFile(sha256(xml), "pain.001", name, payouts.size());
            jdbc.sql("UPDATE wallet_payout SET status = ?, export_file_id = ? WHERE id = ANY(?) AND status = ANY(?)")
                    .params(PayoutStatus.EXPORTED.stored(), fileId, ids.toArray(String[]::new),
                            PayoutStatus.sourcesOf(PayoutStatus.EXPORTED)).update();
            return Optional.of(new PayoutFile(fileId, name, xml, payouts.size()));
        });
        file.ifPresent(f -> audit.record(AuditRecord.of(staffUserId, "wallet.payouts.exported", f.fileId(),
                AuditRecord.Outcome.SUCCESS, "")));
        return file;
    }

    /** The open review list: credits that matched no wallet, oldest first. */
    public List<UnmatchedCredit> unmatchedCredits() {
        return jdbc.sql("""
                SELECT id, entry_ref, amount_minor, currency, debtor_name, remittance, status, wallet_id, created_at
                FROM wallet_unmatched_credit WHERE status = 'open' ORDER BY created_at LIMIT ?""")
                .param(REVIEW_LIST_MAX).query(BankFiles::unmatched).list();
    }

    /** Credits an unmatched credit to the wallet with this IBAN or top-up reference; false when it cannot. */
    public boolean creditUnmatched(String unmatchedId, String walletIbanOrReference, String staffUserId) {
        Optional<UnmatchedCredit> item = jdbc.sql("""
                SELECT id, entry_ref, amount_minor, currency, debtor_name, remittance, status, wallet_id, created_at
                FROM wallet_unmatched_credit WHERE id = ? AND status = 'open'""").param(unmatchedId).query(BankFiles::unmatched).optional();
        String handle = walletIbanOrReference == null ? "" : walletIbanOrReference.strip().toUpperCase(java.util.Locale.ROOT);
        Optional<Wallet> wallet = wallets.byTopupReference(handle).or(() -> wallets.byIban(PayeeHandle.compactIban(handle)));
        boolean credited = item.isPresent() && wallet.isPresent() && postings.creditFromSuspense(item.get(), wallet.get());
        if (credited) {
            jdbc.sql("UPDATE wallet_unmatched_credit SET resolved_by = ? WHERE id = ?").params(staffUserId, unmatchedId).update();
        }
        audit.record(AuditRecord.of(staffUserId, "wallet.suspense.credited", unmatchedId,
                credited ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, ""));
        return credited;
    }

    private static UnmatchedCredit unmatched(ResultSet rs, int row) throws SQLException {
        return new UnmatchedCredit(rs.getString("id"), rs.getString("entry_ref"), rs.getLong("amount_minor"),
                rs.getString("currency").trim(), rs.getString("debtor_name"), rs.getString("remittance"), rs.getString("status"),
                rs.getString("wallet_id"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String safeName(String name) {
        String n = name == null ? "upload.xml" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
