package io.bastion.wallet;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link StuckOrders} every {@link #INTERVAL}, on whichever single node db-scheduler picks. */
@Configuration(proxyBeanMethods = false)
class StuckOrdersJob {

    static final String TASK_NAME = "wallet-stuck-orders";
    static final Duration INTERVAL = Duration.ofMinutes(2);

    @Bean
    RecurringTask<Void> walletStuckOrdersTask(StuckOrders stuckOrders) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> stuckOrders.resolve());
    }
}
