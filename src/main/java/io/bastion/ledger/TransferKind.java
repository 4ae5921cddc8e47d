package io.bastion.ledger;

import java.util.Locale;

/** What a stored transfer did; stored in lower case in {@code ledger_transfer.kind}. */
enum TransferKind {
    TRANSFER,
    PENDING,
    POST,
    VOID,
    EXPIRE;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TransferKind ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static TransferKind of(TransferRequest request) {
        if (request.action() != null) {
            return request.action() == PendingAction.POST ? POST : VOID;
        }
        return request.pending() ? PENDING : TRANSFER;
    }
}
