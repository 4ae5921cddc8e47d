package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.platform.DataDirectory;
import io.bastion.platform.LogMasking;
import io.bastion.shared.ConfigurationProblem;
import io.bastion.shared.ConfigurationWarning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Makes sure an operator can reach a fresh Bastion: when no operator key is active, registers the
 * secret given in {@code BASTION_BOOTSTRAP_OPERATOR_KEY}, or in dev generates one into
 * {@code <data dir>/bootstrap-operator-key} (mode 0600) and prints only that path.
 */
@Component
class OperatorBootstrap implements ApplicationRunner {

    static final String SETTING = "BASTION_BOOTSTRAP_OPERATOR_KEY";
    static final String KEY_FILE = "bootstrap-operator-key";
    static final int SECRET_LENGTH_MIN = 32;
    static final String OPERATOR_ID = "bootstrap";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final ApiKeys apiKeys;
    private final AuditLog audit;
    private final DataDirectory dataDirectory;
    private final Environment environment;
    private final ApplicationEventPublisher events;
    private final String configured;

    OperatorBootstrap(ApiKeys apiKeys, AuditLog audit, DataDirectory dataDirectory, Environment environment,
                      ApplicationEventPublisher events, @Value("${bastion.bootstrap-operator-key:}") String configured) {
        this.apiKeys = apiKeys;
        this.audit = audit;
        this.dataDirectory = dataDirectory;
        this.environment = environment;
        this.events = events;
        this.configured = configured;
        LogMasking.registerSecret(configured);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (environment.getProperty("bastion.cli", Boolean.class, false) || apiKeys.anyActive(ApiKeyPrincipal.OwnerKind.OPERATOR)) {
            return;
        }
        EnumSet<ApiScope> all = ApiScope.operatorScopes();
        if (!configured.isBlank()) {
            if (configured.length() < SECRET_LENGTH_MIN) {
                events.publishEvent(new ConfigurationWarning(this, SETTING, "bootstrap operator key too short", true));
                throw new ConfigurationProblem(SETTING, SETTING + " must be at least " + SECRET_LENGTH_MIN + " characters");
            }
            apiKeys.register(ApiKeyPrincipal.OwnerKind.OPERATOR, OPERATOR_ID, "bootstrap operator key", all, null,
                    configured, "system", "");
            LOG.info("registered the operator key from {}", SETTING);
            return;
        }
        if (environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"))) {
            LOG.warn("no operator API key exists; set {} to create one", SETTING);
            audit.record(AuditRecord.of("system", "config.warning", SETTING, AuditRecord.Outcome.INFO, ""));
            return;
        }
        ApiKeys.Issued issued = apiKeys.issue(ApiKeyPrincipal.OwnerKind.OPERATOR, OPERATOR_ID, "generated dev operator key",
                all, null, "system", "");
        Path file = dataDirectory.resolve(KEY_FILE);
        DataDirectory.writePrivate(file, issued.secret().value().getBytes(StandardCharsets.UTF_8));
        LOG.warn("generated a development operator API key; it is in {}", file);
    }
}
