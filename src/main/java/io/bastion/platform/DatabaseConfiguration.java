package io.bastion.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The one PostgreSQL Bastion uses: the server at {@code BASTION_DATABASE_URL} when set, otherwise an
 * embedded PostgreSQL 18 whose cluster persists under the data directory. Three pools log in as two
 * non-superuser roles ({@link DatabaseRoles}): the primary one and the ledger writers' small one
 * ({@link WriterDataSource}) as the application, a small one as the vault, which only the vault module injects.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final int POOL_SIZE_MAX = 20;
    static final int VAULT_POOL_SIZE_MAX = 5;
    /** The ledger's writer threads (two per process) and a spare. */
    static final int WRITER_POOL_SIZE_MAX = 3;
    static final String EMBEDDED_DATABASE = "bastion";

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(
            @Value("${bastion.database.url:}") String url,
            @Value("${bastion.database.username:}") String username,
            @Value("${bastion.database.password:}") String password,
            @Value("${bastion.database.embedded-durable:true}") boolean durable,
            @Value("${bastion.database.pool-size:" + POOL_SIZE_MAX + "}") int poolSize,
            DataDirectory dataDirectory) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bastion");
        config.setMaximumPoolSize(poolSize);
        return open(config, url, username.isBlank() ? DatabaseRoles.APP_ROLE : username, password, durable, dataDirectory);
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @VaultDataSource
    DataSource vaultDataSource(
            @Value("${bastion.database.url:}") String url,
            @Value("${bastion.database.vault.username:}") String username,
            @Value("${bastion.database.vault.password:}") String password,
            @Value("${bastion.database.embedded-durable:true}") boolean durable,
            DataDirectory dataDirectory) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bastion-vault");
        config.setMaximumPoolSize(VAULT_POOL_SIZE_MAX);
        // The vault's few statements are simple lookups: a custom plan each time costs little and never keeps
        // a plan made while its tables were small (a generic plan made then scanned every card as they grew).
        config.setConnectionInitSql("SET search_path TO " + DatabaseRoles.VAULT_SCHEMA + "; SET plan_cache_mode TO force_custom_plan");
        return open(config, url, username.isBlank() ? DatabaseRoles.VAULT_ROLE : username, password, durable, dataDirectory);
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @WriterDataSource
    DataSource writerDataSource(
            @Value("${bastion.database.url:}") String url,
            @Value("${bastion.database.username:}") String username,
            @Value("${bastion.database.password:}") String password,
            @Value("${bastion.database.embedded-durable:true}") boolean durable,
            DataDirectory dataDirectory) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("bastion-writers");
        config.setMaximumPoolSize(WRITER_POOL_SIZE_MAX);
        config.setConnectionInitSql("SET plan_cache_mode TO force_generic_plan");
        return open(config, url, username.isBlank() ? DatabaseRoles.APP_ROLE : username, password, durable, dataDirectory);
    }

    private static DataSource open(HikariConfig config, String url, String username, String password, boolean durable,
                                   DataDirectory dataDirectory) {
        config.setUsername(username);
        if (!url.isBlank()) {
            // An external server's roles and vault schema are set up once by its administrator (README).
            config.setJdbcUrl(url);
            config.setPassword(password.isBlank() ? null : password);
            return new HikariDataSource(config);
        }
        Path cluster = dataDirectory.resolve("postgres");
        EmbeddedPostgres server = EmbeddedPostgresServers.acquire(cluster, durable);
        try {
            ensureDatabase(server);
            config.setJdbcUrl(server.getJdbcUrl(username, EMBEDDED_DATABASE));
            return new EmbeddedBackedDataSource(config, cluster);
        } catch (RuntimeException e) {
            EmbeddedPostgresServers.release(cluster);
            throw e;
        }
    }

    private static void ensureDatabase(EmbeddedPostgres server) {
        try (var connection = server.getPostgresDatabase().getConnection();
             var check = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, EMBEDDED_DATABASE);
            try (var rs = check.executeQuery()) {
                if (!rs.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot prepare the embedded database", e);
        }
        // The superuser sets up the roles inside the Bastion database and is not used again.
        try (var admin = server.getDatabase("postgres", EMBEDDED_DATABASE).getConnection()) {
            DatabaseRoles.bootstrap(admin);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot connect to the embedded database as its administrator", e);
        }
    }

    /** A pool that releases the embedded server when it closes. */
    static final class EmbeddedBackedDataSource extends HikariDataSource {

        private final Path cluster;

        EmbeddedBackedDataSource(HikariConfig config, Path cluster) {
            super(config);
            this.cluster = cluster;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                EmbeddedPostgresServers.release(cluster);
            }
        }
    }
}
