package io.bastion.audit;

import io.bastion.shared.ConfigurationWarning;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Records configuration warnings and fatal configuration problems, naming the setting but never its
 * value. A listener bean rather than an event-listener method, because warnings are published while
 * beans are still being created, before event-listener methods are registered.
 */
@Component
final class ConfigurationAudit implements ApplicationListener<ConfigurationWarning> {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationAudit.class);

    private final ObjectProvider<AuditLog> audit;
    private final boolean cli;

    /** The audit log is looked up per event: it cannot be created before the database it writes to. */
    ConfigurationAudit(ObjectProvider<AuditLog> audit, @Value("${bastion.cli:false}") boolean cli) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.cli = cli;
    }

    @Override
    public void onApplicationEvent(ConfigurationWarning warning) {
        // A command run with the server stopped must leave the log it may be verifying untouched.
        if (cli) {
            return;
        }
        AuditRecord record = AuditRecord.of("system", warning.fatal() ? "config.invalid" : "config.warning",
                warning.setting(), warning.fatal() ? AuditRecord.Outcome.FAILURE : AuditRecord.Outcome.INFO, "");
        try {
            audit.getObject().recordWithoutCheckpoint(record);
        } catch (RuntimeException e) {
            // Bastion is reporting a configuration problem: a database that is also unusable must not
            // replace that report with its own failure.
            LOG.warn("could not audit the configuration {} for {}: {}", record.action(), warning.setting(), e.toString());
        }
    }
}
