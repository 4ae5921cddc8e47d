package io.bastion.wallet;

import io.bastion.ledger.Ledger;
import io.bastion.ledger.StatementEntry;
import io.bastion.ledger.StatementPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds a wallet's statement page from its ledger statement and the movements' labels and references. */
final class Statements {

    static final int PAGE_MAX = 100;

    private Statements() {
    }

    static WalletStatement page(Ledger ledger, WalletStore store, Wallet wallet, long after, int limit) {
        StatementPage page = ledger.statement(wallet.ledgerAccountId(), Math.max(after, 0), Math.clamp(limit, 1, PAGE_MAX));
        Map<String, WalletStore.Movement> movements = store.movements(page.entries().stream()
                        .map(e -> movementId(e)).toList()).stream()
                .collect(Collectors.toMap(WalletStore.Movement::transferId, Function.identity()));
        List<StatementLine> lines = new ArrayList<>();
        for (StatementEntry e : page.entries()) {
            WalletStore.Movement m = movements.get(movementId(e));
            boolean debit = "debit".equals(e.side());
            String counterparty = m == null ? "" : debit ? m.payeeLabel() : m.payerLabel();
            String kind = switch (e.kind()) {
                case "pending" -> "payout held";
                case "post" -> "payout sent";
                case "void", "expire" -> "payout returned";
                default -> m == null ? "transfer" : m.kind();
            };
            boolean held = "pending".equals(e.kind()) || "void".equals(e.kind()) || "expire".equals(e.kind());
            long signed = debit && !"void".equals(e.kind()) && !"expire".equals(e.kind()) ? -e.amount() : e.amount();
            lines.add(new StatementLine(e.sequence(), e.createdAt(), kind, counterparty, m == null ? "" : m.reference(),
                    signed, held, e.balanceAfter().net()));
        }
        return new WalletStatement(wallet, lines, page.nextAfter());
    }

    /** Posts and voids of a payout hold are described by the hold's movement. */
    private static String movementId(StatementEntry e) {
        String id = e.transferId();
        if (id.startsWith("wb-") && (id.endsWith("-post") || id.endsWith("-void"))) {
            return id.substring(3, id.length() - 5);
        }
        return id;
    }
}
