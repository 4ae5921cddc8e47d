/**
 * E-money wallets: one ledger account per customer and currency with an IBAN, transfers between
 * customers confirmed through identity, limits by verification level, and bank files (camt.053/054 in,
 * pain.001 out) for top-ups and payouts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Wallet",
        allowedDependencies = {"shared", "platform", "ledger", "identity", "audit", "notification"})
package io.bastion.wallet;
