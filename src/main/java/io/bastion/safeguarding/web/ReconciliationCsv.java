package io.bastion.safeguarding.web;

import io.bastion.safeguarding.ReconciliationRecord;
import java.util.List;

/**
 * Reconciliation records as RFC 4180 CSV (CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled). Text that a spreadsheet would read as a formula (starting with =, +, -, @, tab or carriage
 * return) is prefixed with an apostrophe; amounts are plain integers in minor units and never altered.
 */
final class ReconciliationCsv {

    static final String HEADER = "business_date,currency,status,customer_liabilities_minor,safeguarded_ledger_minor,"
            + "ledger_difference_minor,bank_closing_minor,bank_difference_minor,statement_date,trigger,run_id,"
            + "record_id,created_at";

    private ReconciliationCsv() {
    }

    static String write(List<ReconciliationRecord> records) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (ReconciliationRecord r : records) {
            csv.append(r.businessDate()).append(',')
                    .append(text(r.currency())).append(',')
                    .append(r.status().name()).append(',')
                    .append(r.customerLiabilitiesMinor()).append(',')
                    .append(r.safeguardedLedgerMinor()).append(',')
                    .append(r.ledgerDifferenceMinor()).append(',')
                    .append(r.bankClosingMinor() == null ? "" : r.bankClosingMinor().toString()).append(',')
                    .append(r.bankDifferenceMinor() == null ? "" : r.bankDifferenceMinor().toString()).append(',')
                    .append(r.statementDate() == null ? "" : r.statementDate().toString()).append(',')
                    .append(text(r.trigger())).append(',')
                    .append(text(r.runId())).append(',')
                    .append(text(r.id())).append(',')
                    .append(r.createdAt()).append("\r\n");
        }
        return csv.toString();
    }

    /** One text field, defused against formula injection and quoted when RFC 4180 needs it. */
    static String text(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
