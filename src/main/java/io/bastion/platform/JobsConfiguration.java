package io.bastion.platform;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;

/**
 * Persistent, cluster-safe jobs (db-scheduler over the {@code scheduled_tasks} table). Modules contribute
 * work as beans of db-scheduler's {@link Task} type: a {@code RecurringTask} schedules itself at start, a
 * {@code OneTimeTask} is scheduled by its module. The scheduler starts once the application is ready and
 * stops when the context closes; it never starts for an administrative command or with
 * {@code bastion.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    static final int JOB_THREADS_MAX = 4;

    // Stopped by Jobs when the context closes, while the data source is still open.
    @Bean(destroyMethod = "")
    Scheduler scheduler(DataSource dataSource, ObjectProvider<Task<?>> tasks,
                        @Value("${bastion.jobs.polling-interval:PT2S}") Duration pollingInterval) {
        List<Task<?>> known = new ArrayList<>();
        List<Task<?>> atStart = new ArrayList<>();
        tasks.orderedStream().forEach(task -> (task instanceof OnStartup ? atStart : known).add(task));
        return Scheduler.create(dataSource, known)
                .startTasks(startTasks(atStart))
                .pollingInterval(pollingInterval)
                .threads(JOB_THREADS_MAX)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List startTasks(List<Task<?>> atStart) {
        // db-scheduler wants a list of things that are both Task and OnStartup; the filter above ensures it.
        return (List) atStart;
    }

    @Bean
    Jobs jobs(Scheduler scheduler, ApplicationContext context, @Value("${bastion.jobs.enabled:true}") boolean enabled,
              @Value("${bastion.cli:false}") boolean cli) {
        return new Jobs(scheduler, context, enabled && !cli);
    }

    /** Starts and stops the scheduler with the application. */
    static final class Jobs {

        private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

        private final Scheduler scheduler;
        private final ApplicationContext context;
        private final boolean enabled;
        private boolean started;

        Jobs(Scheduler scheduler, ApplicationContext context, boolean enabled) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.context = Objects.requireNonNull(context, "context");
            this.enabled = enabled;
        }

        @EventListener
        synchronized void ready(ApplicationReadyEvent event) {
            if (enabled && !started && event.getApplicationContext() == context) {
                scheduler.start();
                started = true;
                LOG.info("jobs started");
            }
        }

        @EventListener
        synchronized void closing(ContextClosedEvent event) {
            if (started && event.getApplicationContext() == context) {
                scheduler.stop();
                started = false;
            }
        }

        synchronized boolean started() {
            return started;
        }
    }
}
