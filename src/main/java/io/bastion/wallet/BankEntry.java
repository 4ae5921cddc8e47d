package io.bastion.wallet;

import java.time.LocalDate;

/**
 * One booked entry of a camt.053 statement or camt.054 notification on the safeguarding account, checked
 * and converted to minor units. {@code entryRef} is the bank's unique reference (AcctSvcrRef, else the
 * end-to-end id); {@code returned} marks a reversal or a return of an earlier payment.
 */
record BankEntry(int line, String entryRef, boolean credit, boolean returned, long amountMinor, String currency,
                 LocalDate bookedOn, String endToEndId, String remittance, String debtorName) {
}
