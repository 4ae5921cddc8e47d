package io.bastion.safeguarding;

import java.util.List;

/** A page of reconciliation records, newest first; {@code nextCursor} is null on the last page. */
public record ReconciliationPage(List<ReconciliationRecord> records, Long nextCursor) {

    public ReconciliationPage {
        records = List.copyOf(records);
    }
}
