package io.bastion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The application runs as a non-superuser role, also on a data directory from before the role split. */
class DatabaseRolesTests {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Bastion.class).run("--bastion.data-dir=" + dataDir, "--server.port=0",
                "--bastion.database.embedded-durable=false", "--bastion.jobs.enabled=false");
    }

    @Test
    void tablesTheSuperuserOwnedPassToTheApplicationRoleAtTheNextStart(@TempDir Path dataDir) throws SQLException {
        try (var first = start(dataDir)) {
            first.getBean(JdbcClient.class).sql("CREATE TABLE roles_probe (id bigint GENERATED ALWAYS AS IDENTITY, note text)")
                    .update();
        }
        // A data directory from before the split: everything belongs to the superuser.
        var server = EmbeddedPostgresServers.acquire(dataDir.resolve("postgres"), false);
        try (Connection admin = server.getDatabase("postgres", DatabaseConfiguration.EMBEDDED_DATABASE).getConnection()) {
            admin.createStatement().execute("""
                    DO $$ DECLARE r record; BEGIN
                      FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                        EXECUTE format('ALTER TABLE %I OWNER TO postgres', r.tablename);
                      END LOOP;
                      FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                               WHERE n.nspname = 'public' LOOP
                        EXECUTE format('ALTER ROUTINE %s OWNER TO postgres', r.name);
                      END LOOP;
                    END $$""");
        } finally {
            EmbeddedPostgresServers.release(dataDir.resolve("postgres"));
        }

        try (var again = start(dataDir)) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(DatabaseRoles.APP_ROLE);
            List<String> foreign = jdbc.sql("""
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') AND c.relowner <> current_user::regrole""")
                    .query(String.class).list();
            assertThat(foreign).isEmpty();
            jdbc.sql("INSERT INTO roles_probe (note) VALUES ('still writable')").update();
            assertThat(jdbc.sql("SELECT count(*) FROM roles_probe").query(Long.class).single()).isEqualTo(1L);
            assertThat(jdbc.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").query(Boolean.class).single())
                    .isFalse();
        }
    }
}
