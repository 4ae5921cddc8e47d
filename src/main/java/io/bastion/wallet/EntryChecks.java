package io.bastion.wallet;

import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.TransactionReferences6;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks on each statement account, balance and entry; the first broken one refuses the whole file. */
final class EntryChecks {

    static final int REFERENCE_LENGTH_MAX = 35;
    static final int REMITTANCE_LENGTH_MAX = 500;
    private static final Pattern BANK_REF = Pattern.compile("[A-Za-z0-9/?:().,'+ -]{1,35}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private final String safeguardingIban;
    private final Set<String> currencies;

    EntryChecks(String safeguardingIban, Set<String> currencies) {
        this.safeguardingIban = safeguardingIban;
        this.currencies = currencies;
    }

    String account(CashAccount39 account, int line) throws MalformedBankFile {
        String iban = account == null || account.getId() == null ? null : account.getId().getIBAN();
        if (iban == null) {
            throw new MalformedBankFile(line, "the account must be given by IBAN");
        }
        if (!iban.equals(safeguardingIban)) {
            throw new MalformedBankFile(line, "the account " + iban + " is not Bastion's safeguarding account");
        }
        return iban;
    }

    /** The closing booked balance, or null for any other balance type. */
    BankStatementFile.Closing closing(CashBalance8 balance, String iban, int line) throws MalformedBankFile {
        if (balance.getTp() == null || balance.getTp().getCdOrPrtry() == null
                || !"CLBD".equals(balance.getTp().getCdOrPrtry().getCd())) {
            return null;
        }
        String currency = currency(balance.getAmt() == null ? null : balance.getAmt().getCcy(), line);
        long amount = amount(balance.getAmt() == null ? null : balance.getAmt().getValue(), currency, line, true);
        LocalDate on = date(balance.getDt(), line, "the closing balance needs a date");
        return new BankStatementFile.Closing(iban, currency, on, CamtReader.isCredit(balance.getCdtDbtInd()) ? amount : -amount);
    }

    /** A booked entry, checked; null for entries that are not booked yet (pending or informational). */
    BankEntry entry(ReportEntry10 e, int line) throws MalformedBankFile {
        String status = e.getSts() == null ? null : e.getSts().getCd();
        if (status == null) {
            throw new MalformedBankFile(line, "the entry needs a status");
        }
        if (!"BOOK".equals(status)) {
            return null;
        }
        if (e.getCdtDbtInd() == null) {
            throw new MalformedBankFile(line, "the entry must say credit (CRDT) or debit (DBIT)");
        }
        String currency = currency(e.getAmt() == null ? null : e.getAmt().getCcy(), line);
        long amount = amount(e.getAmt() == null ? null : e.getAmt().getValue(), currency, line, false);
        EntryTransaction10 tx = e.getNtryDtls().isEmpty() || e.getNtryDtls().getFirst().getTxDtls().isEmpty()
                ? null : e.getNtryDtls().getFirst().getTxDtls().getFirst();
        TransactionReferences6 refs = tx == null ? null : tx.getRefs();
        String endToEnd = refs == null || "NOTPROVIDED".equals(refs.getEndToEndId()) ? null : refs.getEndToEndId();
        String entryRef = first(e.getAcctSvcrRef(), refs == null ? null : refs.getAcctSvcrRef(), e.getNtryRef(), endToEnd);
        if (entryRef == null || !BANK_REF.matcher(entryRef).matches()) {
            throw new MalformedBankFile(line, "the entry needs a bank reference (AcctSvcrRef) of at most 35 allowed characters");
        }
        boolean returned = Boolean.TRUE.equals(e.isRvslInd()) || (tx != null && tx.getRtrInf() != null);
        return new BankEntry(line, entryRef, CamtReader.isCredit(e.getCdtDbtInd()), returned, amount, currency,
                date(e.getBookgDt(), line, "a booked entry needs a booking date"), endToEnd, remittance(e, tx), debtor(tx));
    }

    void requireUniqueRefs(List<BankEntry> entries) throws MalformedBankFile {
        Set<String> seen = new HashSet<>();
        for (BankEntry entry : entries) {
            if (!seen.add(entry.entryRef())) {
                throw new MalformedBankFile(entry.line(), "the bank reference " + entry.entryRef() + " appears twice");
            }
        }
    }

    private String currency(String currency, int line) throws MalformedBankFile {
        if (currency == null || !currencies.contains(currency)) {
            throw new MalformedBankFile(line, "the currency must be one of " + currencies.stream().sorted().toList());
        }
        return currency;
    }

    private static long amount(Object value, String currency, int line, boolean zeroAllowed) throws MalformedBankFile {
        OptionalLong minor = MinorUnits.parse(value == null ? null : plain(value), currency);
        if (minor.isEmpty() || (!zeroAllowed && minor.getAsLong() == 0)) {
            throw new MalformedBankFile(line, "the amount must be a positive number with at most "
                    + MinorUnits.digits(currency) + " decimals");
        }
        return minor.getAsLong();
    }

    /**
     * The decimal's exact text: the binding hands over a decimal number object, whose text is read as text
     * and never as a binary fraction; exponent notation is refused.
     */
    private static String plain(Object decimal) {
        String text = decimal instanceof Number n ? n.toString() : null;
        return text == null || text.contains("E") ? null : text;
    }

    private static LocalDate date(DateAndDateTime2Choice choice, int line, String reason) throws MalformedBankFile {
        if (choice != null && choice.getDt() != null) {
            return choice.getDt();
        }
        if (choice != null && choice.getDtTm() != null) {
            return choice.getDtTm().toLocalDate();
        }
        throw new MalformedBankFile(line, reason);
    }

    private static String remittance(ReportEntry10 e, EntryTransaction10 tx) {
        StringBuilder text = new StringBuilder();
        if (tx != null && tx.getRmtInf() != null) {
            tx.getRmtInf().getUstrd().forEach(u -> text.append(u).append(' '));
        }
        if (e.getAddtlNtryInf() != null) {
            text.append(e.getAddtlNtryInf());
        }
        return clean(text.toString());
    }

    private static String debtor(EntryTransaction10 tx) {
        if (tx == null || tx.getRltdPties() == null || tx.getRltdPties().getDbtr() == null
                || tx.getRltdPties().getDbtr().getPty() == null) {
            return "";
        }
        String name = tx.getRltdPties().getDbtr().getPty().getNm();
        return name == null ? "" : clean(name);
    }

    private static String clean(String text) {
        String stripped = CONTROL.matcher(text).replaceAll(" ").strip();
        return stripped.length() > REMITTANCE_LENGTH_MAX ? stripped.substring(0, REMITTANCE_LENGTH_MAX) : stripped;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.strip();
            }
        }
        return null;
    }
}
