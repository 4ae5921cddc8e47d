package io.bastion.acquiring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link StuckPayouts} every {@link #INTERVAL}, on whichever single node db-scheduler picks. */
@Configuration(proxyBeanMethods = false)
class StuckPayoutsJob {

    static final String TASK_NAME = "acquiring-stuck-payouts";
    static final Duration INTERVAL = Duration.ofMinutes(5);

    @Bean
    RecurringTask<Void> acquiringStuckPayoutsTask(StuckPayouts payouts) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> payouts.finish());
    }
}
