package io.bastion.shared;

/**
 * A commit that does not wait for its write-ahead log to reach the disk, for a write in the middle of a flow
 * whose last write before anything leaves Bastion is an ordinary (synchronous) commit.
 *
 * <p>Why that is safe: PostgreSQL's log is one sequence, and a synchronous commit returns only once the log is on
 * disk up to its own record, so every commit made before it, deferred or not, is on disk too. A crash can therefore
 * only lose the deferred commits made after the last synchronous one: the flow is then as if it had stopped a
 * moment earlier, which every flow that uses this already survives (an intent left processing is settled by its
 * job, a pending authorization stays pending). What must hold is that nobody outside the database (a card network,
 * a phone, the customer's browser, an audit reader) learns of a deferred write before a synchronous commit follows
 * it, which is why the flows that use this end in a synchronous commit and say so where they defer.
 *
 * <p>How: {@link #CONDITION} is added to the statement's {@code WHERE} clause. It sets {@code synchronous_commit}
 * to off for the current transaction only (a statement outside a transaction block is its own transaction), and is
 * always true. It costs no round trip; the session's setting is back to the server's default at the next
 * transaction, so a pooled connection carries nothing over.
 */
public final class DeferredCommit {

    /** A {@code WHERE} condition, always true, that makes the current transaction's commit deferred. */
    public static final String CONDITION = "set_config('synchronous_commit', 'off', true) = 'off'";

    private DeferredCommit() {
    }
}
