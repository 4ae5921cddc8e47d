package io.bastion.wallet;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The job that resolves orders left executing when their executor stopped (a crash or restart between
 * the claim and the end): each is carried out again, which either finds its ledger chain committed or
 * commits it now. A db-scheduler task runs it every few minutes on one node of the cluster.
 */
@Component
final class StuckOrders {

    static final Duration EXECUTING_MAX = Duration.ofMinutes(10);
    static final int ORDERS_PER_RUN_MAX = 100;

    private final OrderStore orders;
    private final OrderExecution execution;
    private final Clock clock;

    StuckOrders(OrderStore orders, OrderExecution execution, Clock clock) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.execution = Objects.requireNonNull(execution, "execution");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Resolves up to {@link #ORDERS_PER_RUN_MAX} orders executing for longer than {@link #EXECUTING_MAX}. */
    List<SendResult> resolve() {
        return orders.executingSince(clock.instant().minus(EXECUTING_MAX), ORDERS_PER_RUN_MAX).stream()
                .map(execution::resume).toList();
    }
}
