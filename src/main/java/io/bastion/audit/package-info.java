/**
 * The tamper-evident audit log: an append-only, hash-chained record of every security-relevant action,
 * with signed checkpoints and a verifier.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {"shared", "platform", "keys"})
package io.bastion.audit;
