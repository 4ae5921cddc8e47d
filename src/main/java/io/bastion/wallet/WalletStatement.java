package io.bastion.wallet;

import java.util.List;

/** A page of a wallet's statement, oldest first; {@code nextAfter} continues it, or is null at the end. */
public record WalletStatement(Wallet wallet, List<StatementLine> lines, Long nextAfter) {
}
