package io.bastion.wallet;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.identity.Confirmations;
import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.UserAccount;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferOutcome;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Carries out a confirmed order exactly once: claim the order, use the confirmation up (bound to the
 * order's amount, currency and payee), reserve the monthly outgoing volume and the payee's balance cap,
 * then submit one linked chain to the ledger (payer to payee, payer to fee revenue), whose transfer ids
 * derive from the order id, so a retry can never post twice. When the ledger refuses, the reservations
 * are given back.
 */
@Component
final class OrderExecution {

    private final OrderStore orders;
    private final WalletStore wallets;
    private final MonthlyLimits limits;
    private final WalletSettings settings;
    private final Confirmations confirmations;
    private final CustomerDirectory directory;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    OrderExecution(OrderStore orders, WalletStore wallets, MonthlyLimits limits, WalletSettings settings,
                   Confirmations confirmations, CustomerDirectory directory, Ledger ledger, JdbcClient jdbc, AuditLog audit) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    static String amountTransferId(String orderId) {
        return "wo-" + orderId + "-a";
    }

    static String feeTransferId(String orderId) {
        return "wo-" + orderId + "-f";
    }

    static String holdTransferId(String orderId) {
        return "wo-" + orderId + "-h";
    }

    SendResult carryOut(String userId, String orderId) {
        WalletOrder order = orders.owned(userId, orderId).orElse(null);
        if (order == null) {
            return SendResult.rejected(orderId, WalletRejection.WALLET_MUST_EXIST);
        }
        if (!orders.claim(userId, orderId)) {
            return SendResult.rejected(orderId, WalletRejection.ORDER_ALREADY_CARRIED_OUT);
        }
        return finish(order, run(order, false));
    }

    /**
     * Carries out again an order whose executor stopped after claiming it. Running it again is safe: the
     * ledger ids are the same (a chain that did commit answers EXISTS), the confirmation counts when this
     * order had already used it, and reserving the limits a second time can only count too much, never too little.
     */
    SendResult resume(WalletOrder order) {
        return finish(order, run(order, true));
    }

    private SendResult finish(WalletOrder order, WalletRejection rejection) {
        orders.finish(order.id(), rejection);
        audit.record(AuditRecord.of(order.userId(), "wallet." + order.kind(), order.id(),
                rejection == null ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.DENIED, ""));
        return rejection == null ? SendResult.done(order.id()) : SendResult.rejected(order.id(), rejection);
    }

    private boolean confirmed(WalletOrder order, String payeeIban, boolean resumed) {
        if (!order.confirmationRequired() || confirmations.consume(order.userId(), order.id(), order.action(payeeIban))) {
            return true;
        }
        return resumed && confirmations.find(order.userId(), order.id()).map(c -> c.consumedAt() != null).orElse(false);
    }

    private WalletRejection run(WalletOrder order, boolean resumed) {
        Wallet payer = wallets.byId(order.walletId()).orElseThrow();
        Wallet payee = order.payout() ? null : wallets.byId(order.payeeWalletId()).orElseThrow();
        String payeeIban = order.payout() ? order.creditorIban() : payee.iban();
        if (!confirmed(order, payeeIban, resumed)) {
            return WalletRejection.CONFIRMATION_MUST_BE_VALID;
        }
        if (!directory.customer(order.userId()).map(UserAccount::verified).orElse(false)) {
            return WalletRejection.CUSTOMER_MUST_BE_VERIFIED;
        }
        LocalDate month = limits.month();
        long outgoing = Math.addExact(order.amountMinor(), order.feeMinor());
        if (!limits.reserve(payer.id(), month, outgoing, settings.levelOf(order.userId()).monthlyOutgoingMaxMinor())) {
            return WalletRejection.MONTHLY_OUTGOING_LIMIT_EXCEEDED;
        }
        if (payee != null && !wallets.reserveCredit(payee.id(), order.amountMinor(),
                settings.levelOf(payee.userId()).balanceCapMinor())) {
            limits.release(payer.id(), month, outgoing);
            return WalletRejection.PAYEE_BALANCE_CAP_EXCEEDED;
        }
        WalletRejection refused = order.payout() ? hold(order, payer) : transfer(order, payer, payee);
        if (refused != null) {
            limits.release(payer.id(), month, outgoing);
            if (payee != null) {
                wallets.lowerBound(payee.id(), order.amountMinor());
            }
        }
        return refused;
    }

    private WalletRejection transfer(WalletOrder order, Wallet payer, Wallet payee) {
        List<TransferRequest> chain = new ArrayList<>();
        TransferRequest amount = TransferRequest.of(amountTransferId(order.id()), payer.ledgerAccountId(),
                payee.ledgerAccountId(), order.amountMinor());
        if (order.feeMinor() > 0) {
            chain.add(amount.linkedToNext());
            chain.add(TransferRequest.of(feeTransferId(order.id()), payer.ledgerAccountId(),
                    CompanyAccounts.feeRevenue(order.currency()), order.feeMinor()));
        } else {
            chain.add(amount);
        }
        List<TransferResult> results = ledger.submit(chain);
        WalletRejection refused = outcome(results);
        // Lower the payer's bound only for a chain committed now: after a crash, a chain answering EXISTS may
        // have lowered it already, and lowering twice would let the bound fall below the real balance.
        if (refused == null && results.stream().allMatch(r -> r.outcome() == TransferOutcome.CREATED)) {
            wallets.lowerBound(payer.id(), order.amountMinor() + order.feeMinor());
        }
        if (refused == null) {
            wallets.recordMovement(amountTransferId(order.id()), "transfer", payer.iban(), order.payeeLabel(), order.reference());
            if (order.feeMinor() > 0) {
                wallets.recordMovement(feeTransferId(order.id()), "fee", payer.iban(), "Bastion fee", order.reference());
            }
        }
        return refused;
    }

    /** A payout holds the amount as a pending transfer to payouts in transit until the bank confirms it. */
    private WalletRejection hold(WalletOrder order, Wallet payer) {
        WalletRejection refused = outcome(ledger.submit(List.of(TransferRequest.pending(holdTransferId(order.id()),
                payer.ledgerAccountId(), CompanyAccounts.inTransit(order.currency()), order.amountMinor(), 0))));
        if (refused == null) {
            jdbc.sql("""
                    INSERT INTO wallet_payout (id, wallet_id, amount_minor, currency, creditor_name, creditor_iban, reference,
                        end_to_end_id, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'held', ?) ON CONFLICT DO NOTHING""")
                    .params(order.id(), payer.id(), order.amountMinor(), order.currency(), order.payeeLabel(),
                            order.creditorIban(), order.reference(), Ids.endToEnd(), WalletStore.utc(order.createdAt()))
                    .update();
            wallets.recordMovement(holdTransferId(order.id()), "payout", payer.iban(), order.payeeLabel(), order.reference());
        }
        return refused;
    }

    private static WalletRejection outcome(List<TransferResult> results) {
        for (TransferResult result : results) {
            TransferOutcome o = result.outcome();
            if (o == TransferOutcome.EXCEEDS_CREDITS) {
                return WalletRejection.FUNDS_MUST_BE_SUFFICIENT;
            }
            if (o != TransferOutcome.CREATED && o != TransferOutcome.EXISTS && o != TransferOutcome.LINKED_EVENT_FAILED) {
                return WalletRejection.LEDGER_REFUSED;
            }
        }
        return results.stream().allMatch(r -> r.outcome() == TransferOutcome.CREATED || r.outcome() == TransferOutcome.EXISTS)
                ? null : WalletRejection.LEDGER_REFUSED;
    }
}
