/**
 * The benchmark command ({@code java -jar bastion.jar bench}): a naive one-transaction-per-transfer
 * baseline, the ledger in process and over HTTPS, measured side by side against one PostgreSQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bench", allowedDependencies = {"ledger", "platform"})
package io.bastion.bench;
