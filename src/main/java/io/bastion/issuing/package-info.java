/**
 * Card issuing: virtual Visa debit cards on a customer's wallet (card numbers only in the vault, CVV2
 * derived under an issuer key), cardholder controls, and authorization as issuer with holds on the ledger.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Issuing",
        allowedDependencies = {"shared", "platform", "keys", "audit", "identity", "identity :: session", "ledger", "vault",
            "wallet", "threeds"})
package io.bastion.issuing;
