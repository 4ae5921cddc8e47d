/**
 * The benchmark command ({@code java -jar bastion.jar bench}): a naive one-transaction-per-transfer
 * baseline, the ledger in process and over HTTPS, measured side by side against one PostgreSQL; and on-us card
 * payments with frictionless 3-D Secure beside the issuer core alone.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bench", allowedDependencies = {"ledger", "platform",
        "identity", "wallet", "issuing", "acquiring", "threeds", "vault", "notification"})
package io.bastion.bench;
