package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.bastion.ledger.Ledger;
import io.bastion.testing.BastionTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The daily reconciliation is a db-scheduler recurring task, scheduled at start and run by the scheduler. */
@BastionTest
class ReconciliationJobTests {

    @Autowired
    Scheduler scheduler;
    @Autowired
    Reconciliation reconciliation;
    @Autowired
    Ledger ledger;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theDailyTaskIsScheduledForSixUtcAndRunsWhenDue() throws InterruptedException {
        TaskInstanceId daily = TaskInstanceId.of(ReconciliationJob.TASK_NAME, RecurringTask.INSTANCE);
        Instant next = scheduler.getScheduledExecution(daily).orElseThrow().getExecutionTime();
        assertThat(next.atZone(java.time.ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.of(6, 0));

        Books books = new Books(ledger, jdbc, "ALL").deposit(123);
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(scheduler.reschedule(daily, Instant.now())).isTrue();
        scheduler.triggerCheckForDueExecutions();

        ReconciliationRecord ran = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (ran == null && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            List<ReconciliationRecord> records = reconciliation.history(reconciliation.today(), reconciliation.today(), null,
                    Reconciliation.HISTORY_PAGE_MAX).records();
            ran = records.stream().filter(r -> r.currency().equals(books.currency) && r.trigger().equals("schedule")
                    && !r.createdAt().isBefore(started)).findFirst().orElse(null);
        }
        assertThat(ran).as("a scheduled run's record").isNotNull();
        assertThat(ran.customerLiabilitiesMinor()).isEqualTo(123);
        assertThat(ran.status()).isEqualTo(ReconciliationStatus.NO_STATEMENT);
        // After running, the recurring task is back on its daily schedule.
        Instant deadlineForReschedule = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadlineForReschedule)
                && !scheduler.getScheduledExecution(daily).orElseThrow().getExecutionTime().isAfter(Instant.now())) {
            Thread.sleep(100);
        }
        assertThat(scheduler.getScheduledExecution(daily).orElseThrow().getExecutionTime()).isAfter(Instant.now());
    }
}
