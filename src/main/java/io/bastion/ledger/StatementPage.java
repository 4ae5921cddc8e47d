package io.bastion.ledger;

import java.util.List;

/** A page of a statement, oldest first; {@code nextAfter} continues it, or is null at the end. */
public record StatementPage(List<StatementEntry> entries, Long nextAfter) {
}
