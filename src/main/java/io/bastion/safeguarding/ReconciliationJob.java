package io.bastion.safeguarding;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily reconciliation as a db-scheduler recurring task (06:00 UTC unless configured), run by exactly
 * one node of a cluster. Its business date is the UTC date the run starts.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationJob {

    static final String TASK_NAME = "safeguarding-reconciliation";
    static final String TRIGGER = "schedule";

    @Bean
    RecurringTask<Void> safeguardingReconciliationTask(Reconciliation reconciliation,
            @Value("${bastion.safeguarding.reconciliation-cron:0 0 6 * * *}") String cron) {
        return Tasks.recurring(TASK_NAME, Schedules.cron(cron, ZoneOffset.UTC))
                .execute((instance, context) -> reconciliation.run(reconciliation.today(), TRIGGER));
    }
}
