package io.bastion.issuing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.Transfer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The named job that resolves authorizations stuck as approved after their hold timed out: the ledger's
 * expiry sweep voids the hold itself; this job, every few minutes on one node, marks such authorizations
 * EXPIRED and gives their amount back to the card's daily limit, in bounded batches.
 */
@Configuration(proxyBeanMethods = false)
class ExpiredHolds {

    static final String TASK_NAME = "issuing-expired-holds";
    static final Duration INTERVAL = Duration.ofMinutes(5);
    static final int BATCH_AUTHORIZATIONS_MAX = 500;

    @Bean
    RecurringTask<Void> issuingExpiredHoldsTask(AuthorizationStore authorizations, CardStore cards, Ledger ledger,
                                                AuditLog audit, Clock clock) {
        return Tasks.recurring(TASK_NAME, Schedules.fixedDelay(INTERVAL))
                .execute((instance, context) -> run(authorizations, cards, ledger, audit, clock));
    }

    /** One bounded pass; answers how many authorizations it marked expired. */
    static int run(AuthorizationStore authorizations, CardStore cards, Ledger ledger, AuditLog audit, Clock clock) {
        int expired = 0;
        for (Authorization a : authorizations.overdue(clock.instant().minus(Holds.HOLD_TIMEOUT), BATCH_AUTHORIZATIONS_MAX)) {
            Optional<Transfer> hold = ledger.transfer(Holds.holdId(a.id()));
            String resolution = hold.map(Transfer::resolution).orElse(null);
            if (resolution == null || "post".equals(resolution)) {
                continue;
            }
            if (authorizations.settle(a.id(), AuthorizationStatus.EXPIRED, 0, clock.instant())) {
                cards.releaseDailySpend(Objects.requireNonNull(a.cardId()), a.spendDay(), a.amountMinor());
                audit.record(new AuditRecord(Issuing.ACTOR, "issuing.authorization.expired", a.id(),
                        AuditRecord.Outcome.INFO, "", Map.of("card", a.cardId())));
                expired++;
            }
        }
        return expired;
    }
}
