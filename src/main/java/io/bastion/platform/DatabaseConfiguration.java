package io.bastion.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one PostgreSQL Bastion uses: the server at {@code BASTION_DATABASE_URL} when set, otherwise an
 * embedded PostgreSQL 18 whose cluster persists under the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    static final int POOL_SIZE_MAX = 20;
    static final String EMBEDDED_DATABASE = "bastion";

    @Bean(destroyMethod = "close")
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
        if (!url.isBlank()) {
            config.setJdbcUrl(url);
            config.setUsername(username.isBlank() ? null : username);
            config.setPassword(password.isBlank() ? null : password);
            return new HikariDataSource(config);
        }
        Path cluster = dataDirectory.resolve("postgres");
        EmbeddedPostgres server = EmbeddedPostgresServers.acquire(cluster, durable);
        try {
            ensureDatabase(server);
            config.setJdbcUrl(server.getJdbcUrl("postgres", EMBEDDED_DATABASE));
            config.setUsername("postgres");
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
