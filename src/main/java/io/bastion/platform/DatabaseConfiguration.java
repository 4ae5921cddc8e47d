package io.bastion.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

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
    DataSource dataSource(Environment environment, DataDirectory dataDirectory) {
        return open(pool("bastion", environment.getProperty("bastion.database.pool-size", Integer.class, POOL_SIZE_MAX),
                null), Login.application(environment), environment, dataDirectory);
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @VaultDataSource
    DataSource vaultDataSource(Environment environment, DataDirectory dataDirectory) {
        // The vault's few statements are simple lookups: a custom plan each time costs little and never keeps
        // a plan made while its tables were small (a generic plan made then scanned every card as they grew).
        return open(pool("bastion-vault", VAULT_POOL_SIZE_MAX, "SET search_path TO " + DatabaseRoles.VAULT_SCHEMA
                + "; SET plan_cache_mode TO force_custom_plan"), Login.vault(environment), environment, dataDirectory);
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @WriterDataSource
    DataSource writerDataSource(Environment environment, DataDirectory dataDirectory) {
        return open(pool("bastion-writers", WRITER_POOL_SIZE_MAX, "SET plan_cache_mode TO force_generic_plan"),
                Login.application(environment), environment, dataDirectory);
    }

    /** A role and its password, from {@code bastion.database.*}; a blank user name means the embedded role. */
    private record Login(String username, String password) {

        static Login application(Environment environment) {
            String username = environment.getProperty("bastion.database.username", "");
            return new Login(username.isBlank() ? DatabaseRoles.APP_ROLE : username,
                    environment.getProperty("bastion.database.password", ""));
        }

        static Login vault(Environment environment) {
            String username = environment.getProperty("bastion.database.vault.username", "");
            return new Login(username.isBlank() ? DatabaseRoles.VAULT_ROLE : username,
                    environment.getProperty("bastion.database.vault.password", ""));
        }
    }

    private static HikariConfig pool(String name, int size, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        if (initSql != null) {
            config.setConnectionInitSql(initSql);
        }
        return config;
    }

    private static DataSource open(HikariConfig config, Login login, Environment environment,
                                   DataDirectory dataDirectory) {
        return open(config, environment.getProperty("bastion.database.url", ""), login.username(), login.password(),
                environment.getProperty("bastion.database.embedded-durable", Boolean.class, true), dataDirectory);
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
