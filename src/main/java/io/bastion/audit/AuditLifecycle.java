package io.bastion.audit;

import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Records that the server started and that it is stopping, and signs a checkpoint of the head at an
 * orderly shutdown. An administrative command is not a server start, so it records neither.
 */
@Component
final class AuditLifecycle {

    private final AuditLog audit;
    private final ApplicationContext context;
    private final Environment environment;
    private final boolean cli;

    AuditLifecycle(AuditLog audit, ApplicationContext context, Environment environment,
                   @Value("${bastion.cli:false}") boolean cli) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.context = Objects.requireNonNull(context, "context");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.cli = cli;
    }

    @EventListener
    void started(ApplicationReadyEvent event) {
        if (cli || event.getApplicationContext() != context) {
            return;
        }
        String[] profiles = environment.getActiveProfiles().length > 0 ? environment.getActiveProfiles()
                : environment.getDefaultProfiles();
        audit.record(new AuditRecord("system", "bastion.started", "", AuditRecord.Outcome.INFO, "",
                Map.of("profiles", String.join(",", profiles))));
    }

    @EventListener
    void stopping(ContextClosedEvent event) {
        if (cli || event.getApplicationContext() != context) {
            return;
        }
        audit.record(AuditRecord.of("system", "bastion.stopping", "", AuditRecord.Outcome.INFO, ""));
        audit.checkpoint();
    }
}
