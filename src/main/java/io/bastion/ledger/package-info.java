/**
 * The ledger, where every transfer debits one account and credits another: accounts with posted and
 * pending balances, immutable transfers (single, two-phase and linked), statements and point-in-time
 * balances. Writes are group-committed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger", allowedDependencies = {"shared", "platform"})
package io.bastion.ledger;
