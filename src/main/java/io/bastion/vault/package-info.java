/**
 * The card vault: the only code that ever handles a full card number. It swaps card numbers for random
 * tokens, keeps them encrypted under its own keysets in its own schema and database role, detokenizes
 * only for authorization and the cardholder's own view (audited every time), re-encrypts after key
 * rotation and purges tokens nothing references any more.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vault",
        allowedDependencies = {"shared", "platform", "keys", "audit", "threeds"})
package io.bastion.vault;
