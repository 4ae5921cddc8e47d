package io.bastion.threeds;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ends challenges left idle past the limit even when the cardholder never comes back: transStatus N,
 * challengeCancel 04, reported by RReq.
 */
@Configuration(proxyBeanMethods = false)
class IdleChallengesJob {

    static final String TASK_NAME = "threeds-idle-challenges";
    static final Duration INTERVAL = Duration.ofMinutes(1);

    @Bean
    RecurringTask<Void> threedsIdleChallengesTask(ThreeDsChallenges challenges) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> challenges.expireIdleChallenges());
    }
}
