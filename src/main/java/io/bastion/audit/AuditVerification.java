package io.bastion.audit;

/** What verifying the audit log found: the chain is intact, or the first entry that is not as written. */
public sealed interface AuditVerification {

    /** One line for an operator: {@code intact, N entries} or {@code broken at entry S: reason}. */
    String message();

    /** Every entry from 1 to {@code entries} is present, in order, unaltered, and matches every checkpoint. */
    record Intact(long entries) implements AuditVerification {

        @Override
        public String message() {
            return "intact, " + entries + " entries";
        }
    }

    /** The first entry found wanting, and how. */
    record Broken(long firstBadEntry, Reason reason) implements AuditVerification {

        @Override
        public String message() {
            return "broken at entry " + firstBadEntry + ": " + reason.text();
        }
    }

    /** How an entry differs from what was written. */
    enum Reason {
        /** Its content no longer matches its hash, or its hash no longer matches the chain head. */
        ALTERED("altered"),
        /** It is missing: a gap in the sequence, or the tail is shorter than the head or a checkpoint says. */
        REMOVED("removed"),
        /** It stands before the entry it was chained to. */
        REORDERED("reordered"),
        /** A checkpoint at this entry carries a signature the audit key did not make. */
        CHECKPOINT_SIGNATURE_INVALID("checkpoint signature invalid"),
        /** A validly signed checkpoint at this entry names another hash: the chain up to here was rewritten. */
        CHECKPOINT_MISMATCH("differs from its signed checkpoint");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
