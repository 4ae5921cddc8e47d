package io.bastion.acquiring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link UnknownOutcomes} every {@link #INTERVAL}, on whichever single node db-scheduler picks. */
@Configuration(proxyBeanMethods = false)
class UnknownOutcomesJob {

    static final String TASK_NAME = "acquiring-unknown-outcomes";
    static final Duration INTERVAL = Duration.ofMinutes(1);

    @Bean
    RecurringTask<Void> acquiringUnknownOutcomesTask(UnknownOutcomes outcomes) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> outcomes.resolve());
    }
}
