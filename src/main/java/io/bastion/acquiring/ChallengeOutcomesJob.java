package io.bastion.acquiring;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every {@link #INTERVAL}, carries on payments whose 3-D Secure challenge ended while the customer was no
 * longer on the hosted page (the window was closed, or the ACS timed the challenge out): the 3DS Server has
 * the RReq's result, so the payment goes to the network or fails without waiting for the browser.
 */
@Configuration(proxyBeanMethods = false)
class ChallengeOutcomesJob {

    static final String TASK_NAME = "acquiring-challenge-outcomes";
    static final Duration INTERVAL = Duration.ofMinutes(1);
    /** A challenge is left to the browser this long before the job steps in. */
    static final Duration QUIET_MIN = Duration.ofSeconds(30);
    static final int INTENTS_PER_RUN_MAX = 100;

    @Bean
    RecurringTask<Void> acquiringChallengeOutcomesTask(IntentStore store, PaymentIntents intents, Clock clock) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> resume(store, intents, clock));
    }

    /** One run: answers how many intents moved on. */
    static int resume(IntentStore store, PaymentIntents intents, Clock clock) {
        int moved = 0;
        for (String id : store.challengedSince(clock.instant().minus(QUIET_MIN), INTENTS_PER_RUN_MAX)) {
            PaymentOutcome outcome = intents.resumeAfterChallenge(id);
            moved += outcome.ok() && outcome.intent().status() != PaymentStatus.REQUIRES_ACTION ? 1 : 0;
        }
        return moved;
    }
}
