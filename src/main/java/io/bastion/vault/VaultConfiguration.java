package io.bastion.vault;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.bastion.audit.AuditLog;
import io.bastion.keys.Keys;
import io.bastion.platform.DatabaseRoles;
import io.bastion.platform.VaultDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the vault to its own connection pool (role {@code bastion_vault}), migrates its schema with its
 * own Flyway history, and schedules re-encryption and retention.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    static final String MIGRATIONS = "classpath:db/migration/vault";
    static final String HISTORY_TABLE = "vault_flyway_history";

    /** The vault's database access, kept out of the application context so nothing else can inject it. */
    record VaultDatabase(JdbcClient jdbc, TransactionTemplate transactions) {
    }

    private static VaultDatabase database(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(DatabaseRoles.VAULT_SCHEMA)
                .defaultSchema(DatabaseRoles.VAULT_SCHEMA)
                .createSchemas(false)
                .table(HISTORY_TABLE)
                .locations(MIGRATIONS)
                .load()
                .migrate();
        return new VaultDatabase(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Bean
    Vault vault(@VaultDataSource DataSource dataSource, Keys keys, AuditLog audit, Clock clock) {
        VaultDatabase database = database(dataSource);
        return new Vault(database.jdbc(), database.transactions(), new VaultCrypto(keys, clock), audit, clock);
    }

    @Bean
    VaultCardRanges vaultCardRanges(Vault vault) {
        return new VaultCardRanges(vault);
    }

    @Bean
    VaultMaintenance vaultMaintenance(@VaultDataSource DataSource dataSource, Keys keys, Clock clock, Vault vault,
                                      @Value("${bastion.vault.retention.one-off-payment:PT1H}") Duration oneOff,
                                      @Value("${bastion.vault.retention.stored-card:PT24H}") Duration stored,
                                      @Value("${bastion.vault.retention.issued-card:PT24H}") Duration issued) {
        // The vault bean has migrated the schema already; the pool is shared, the history is not re-run.
        return new VaultMaintenance(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), new VaultCrypto(keys, clock), keys, clock, vault,
                Map.of(TokenPurpose.ONE_OFF_PAYMENT, oneOff, TokenPurpose.STORED_CARD, stored,
                        TokenPurpose.ISSUED_CARD, issued));
    }

    @Bean
    VaultKeyRetirementCommand vaultKeyRetirementCommand(VaultMaintenance maintenance) {
        return new VaultKeyRetirementCommand(maintenance);
    }

    @Bean
    Task<Void> vaultReEncryptionTask(VaultMaintenance maintenance,
                                     @Value("${bastion.vault.re-encryption-interval:PT1M}") Duration interval) {
        return Tasks.recurring("vault-re-encryption", FixedDelay.of(interval))
                .execute((instance, context) -> maintenance.reEncryptBatch());
    }

    @Bean
    Task<Void> vaultPurgeTask(VaultMaintenance maintenance,
                              @Value("${bastion.vault.purge-interval:PT5M}") Duration interval) {
        return Tasks.recurring("vault-purge", FixedDelay.of(interval))
                .execute((instance, context) -> {
                    maintenance.purgeExpired();
                    maintenance.deleteExpiredCvvHolds();
                });
    }
}
