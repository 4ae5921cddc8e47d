/**
 * Card acceptance for merchants: payment intents with a status state machine, card networks behind a
 * connector SPI routed by BIN range, ledger holds and captures into the merchant's balance, refunds and
 * the platform fee, and a job that settles payments whose network outcome is unknown.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Acquiring",
        allowedDependencies = {"shared", "platform", "ledger", "identity", "audit", "keys", "threeds", "vault", "issuing"})
package io.bastion.acquiring;
