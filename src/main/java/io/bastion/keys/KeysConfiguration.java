package io.bastion.keys;

import io.bastion.platform.DataDirectory;
import io.bastion.shared.ConfigurationProblem;
import io.bastion.shared.ConfigurationWarning;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads the master key (configured in prod, generated in dev) and builds the key service on it. */
@Configuration(proxyBeanMethods = false)
class KeysConfiguration {

    static final String MASTER_KEY_SETTING = "BASTION_MASTER_KEY_FILE";
    static final String DEV_MASTER_KEY_FILE = "master-key.json";
    private static final Logger LOG = LoggerFactory.getLogger(KeysConfiguration.class);

    @Bean
    MasterKey masterKey(@Value("${bastion.master-key-file:}") String configured, DataDirectory dataDirectory,
                        Environment environment, ApplicationEventPublisher events) {
        if (!configured.isBlank()) {
            Path file = Path.of(configured);
            if (!Files.isReadable(file)) {
                events.publishEvent(new ConfigurationWarning(this, MASTER_KEY_SETTING, "the master key file cannot be read", true));
                throw new ConfigurationProblem(MASTER_KEY_SETTING, MASTER_KEY_SETTING + " names a file that cannot be read");
            }
            return MasterKey.read(file);
        }
        if (environment.acceptsProfiles(org.springframework.core.env.Profiles.of("prod"))) {
            events.publishEvent(new ConfigurationWarning(this, MASTER_KEY_SETTING, "prod started without a master key", true));
            throw new ConfigurationProblem(MASTER_KEY_SETTING,
                    "prod refuses to start without " + MASTER_KEY_SETTING + " (a Tink AES-256-GCM keyset kept outside the database)");
        }
        Path file = dataDirectory.resolve(DEV_MASTER_KEY_FILE);
        if (!Files.exists(file)) {
            MasterKey.generate(file);
            LOG.warn("generated a development master key at {}; production must set {}", file, MASTER_KEY_SETTING);
        }
        events.publishEvent(new ConfigurationWarning(this, MASTER_KEY_SETTING,
                "development master key kept in the data directory", false));
        return MasterKey.read(file);
    }

    @Bean
    Keys keys(MasterKey masterKey, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        return new Keys(masterKey, jdbc, transactions, clock);
    }

    @Bean
    KeyRotationCommand keyRotationCommand(Keys keys) {
        return new KeyRotationCommand(keys);
    }
}
