package io.bastion.acquiring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Acquiring's recurring db-scheduler tasks; each run happens on whichever single node db-scheduler picks. */
@Configuration(proxyBeanMethods = false)
class AcquiringJobs {

    static final Duration WEBHOOK_DELIVERIES_INTERVAL = Duration.ofSeconds(5);
    static final Duration UNKNOWN_OUTCOMES_INTERVAL = Duration.ofMinutes(1);
    static final Duration STUCK_PAYOUTS_INTERVAL = Duration.ofMinutes(5);

    /** {@link WebhookSender}: delivers the webhook attempts that are due. */
    @Bean
    RecurringTask<Void> acquiringWebhookDeliveriesTask(WebhookSender sender) {
        return Tasks.recurring("acquiring-webhook-deliveries", Schedules.fixedDelay(WEBHOOK_DELIVERIES_INTERVAL))
                .execute((instance, context) -> sender.deliverDue());
    }

    /** {@link UnknownOutcomes}: asks the network about payments whose authorization answer was lost. */
    @Bean
    RecurringTask<Void> acquiringUnknownOutcomesTask(UnknownOutcomes outcomes) {
        return Tasks.recurring("acquiring-unknown-outcomes", Schedules.fixedDelay(UNKNOWN_OUTCOMES_INTERVAL))
                .execute((instance, context) -> outcomes.resolve());
    }

    /** {@link StuckPayouts}: finishes merchant payouts left at "requested". */
    @Bean
    RecurringTask<Void> acquiringStuckPayoutsTask(StuckPayouts payouts) {
        return Tasks.recurring("acquiring-stuck-payouts", Schedules.fixedDelay(STUCK_PAYOUTS_INTERVAL))
                .execute((instance, context) -> payouts.finish());
    }
}
