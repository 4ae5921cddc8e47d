package io.bastion.wallet;

import java.time.LocalDate;
import java.util.List;

/** A checked camt.053 or camt.054 file: its booked entries and (camt.053 only) its closing balances. */
record BankStatementFile(String kind, List<BankEntry> entries, List<Closing> closings) {

    /** A statement's closing booked balance (CLBD), signed: negative when the bank reports a debit balance. */
    record Closing(String accountIban, String currency, LocalDate bookedOn, long amountMinor) {
    }
}
