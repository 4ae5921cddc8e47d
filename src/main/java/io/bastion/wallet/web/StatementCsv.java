package io.bastion.wallet.web;

import io.bastion.wallet.StatementLine;
import java.util.List;
import java.util.Locale;

/**
 * A statement as CSV (RFC 4180). Every cell is quoted, quotes are doubled, and a cell that a spreadsheet
 * would read as a formula (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe.
 */
final class StatementCsv {

    private StatementCsv() {
    }

    static String write(String iban, String currency, List<StatementLine> lines) {
        StringBuilder csv = new StringBuilder();
        row(csv, "booked_at", "kind", "counterparty", "reference", "amount", "currency", "held", "balance_after", "iban");
        for (StatementLine l : lines) {
            row(csv, l.bookedAt().toString(), l.kind(), l.counterparty(), l.reference(), WalletPages.format(l.amountMinor(), currency),
                    currency, Boolean.toString(l.held()), WalletPages.format(l.balanceAfterMinor(), currency), iban);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !isPlainNumber(v)) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    /** A negative amount such as -12.34 stays a number: it cannot start a formula. */
    private static boolean isPlainNumber(String v) {
        return v.toLowerCase(Locale.ROOT).matches("-[0-9]+(\\.[0-9]+)?");
    }
}
