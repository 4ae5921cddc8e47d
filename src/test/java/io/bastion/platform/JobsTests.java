package io.bastion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.bastion.testing.BastionTest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A module contributes a job by declaring a db-scheduler task bean; the scheduler picks it up, schedules a
 * recurring one at start and runs it. This context adds a task that runs every 200 ms.
 */
@BastionTest
@Import(JobsTests.Ticking.class)
@TestPropertySource(properties = "bastion.jobs.polling-interval=PT0.2S")
class JobsTests {

    static final CountDownLatch TICKS = new CountDownLatch(3);

    @TestConfiguration(proxyBeanMethods = false)
    static class Ticking {

        @Bean
        RecurringTask<Void> tick() {
            return Tasks.recurring("platform-test-tick", Schedules.fixedDelay(Duration.ofMillis(200)))
                    .execute((instance, context) -> TICKS.countDown());
        }
    }

    @Autowired
    Scheduler scheduler;
    @Autowired
    JobsConfiguration.Jobs jobs;
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void aRecurringTaskBeanIsScheduledAtStartAndRunsRepeatedly() throws InterruptedException {
        assertThat(jobs.started()).isTrue();
        assertThat(TICKS.await(20, TimeUnit.SECONDS)).as("three runs of the recurring task").isTrue();
        var execution = scheduler.getScheduledExecution(TaskInstanceId.of("platform-test-tick", RecurringTask.INSTANCE));
        assertThat(execution).isPresent();
        assertThat(execution.get().getLastSuccess()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void theSchedulerIsNotStartedForAnAdministrativeCommandOrWhenJobsAreOff() {
        JobsConfiguration configuration = new JobsConfiguration();
        for (boolean[] enabledAndCli : new boolean[][] {{true, true}, {false, false}}) {
            JobsConfiguration.Jobs other = configuration.jobs(scheduler, context, enabledAndCli[0], enabledAndCli[1]);
            other.ready(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
            assertThat(other.started()).isFalse();
        }
    }
}
