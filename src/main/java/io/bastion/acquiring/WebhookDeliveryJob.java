package io.bastion.acquiring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs {@link WebhookSender} every {@link #INTERVAL}, on whichever single node db-scheduler picks. */
@Configuration(proxyBeanMethods = false)
class WebhookDeliveryJob {

    static final String TASK_NAME = "acquiring-webhook-deliveries";
    static final Duration INTERVAL = Duration.ofSeconds(5);

    @Bean
    RecurringTask<Void> acquiringWebhookDeliveriesTask(WebhookSender sender) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> sender.deliverDue());
    }
}
