/**
 * Safeguarding of client money: the chart of accounts' client/own split as reported figures, and the daily
 * reconciliation of customer liabilities against the safeguarded ledger balances and the safeguarding
 * banks' latest statements, with an append-only history, alerts, and a CSV export for the regulator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Safeguarding",
        allowedDependencies = {"shared", "platform", "ledger", "audit", "notification", "wallet"})
package io.bastion.safeguarding;
