package io.bastion.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two login roles Bastion's database is used through: {@code bastion_app} owns the application's
 * tables, {@code bastion_vault} owns the {@code vault} schema, and neither is a superuser, so the main
 * role really cannot read the vault. On the embedded server the {@code postgres} superuser creates them
 * at every start (idempotently); on an external server an administrator runs {@link #SETUP_SQL} once.
 */
public final class DatabaseRoles {

    /** The role the application's main connection pool logs in as. */
    public static final String APP_ROLE = "bastion_app";
    /** The role that owns the vault schema; only the vault's pool logs in as it. */
    public static final String VAULT_ROLE = "bastion_vault";
    /** The schema holding the vault's tables. */
    public static final String VAULT_SCHEMA = "vault";

    /** What the bootstrap does, and what an administrator runs by hand for an external server. */
    static final String SETUP_SQL = """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bastion_app') THEN
                CREATE ROLE bastion_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
              END IF;
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bastion_vault') THEN
                CREATE ROLE bastion_vault LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
              END IF;
            END $$;
            GRANT USAGE, CREATE ON SCHEMA public TO bastion_app;
            GRANT pg_monitor TO bastion_app;
            CREATE SCHEMA IF NOT EXISTS vault AUTHORIZATION bastion_vault;
            ALTER SCHEMA vault OWNER TO bastion_vault;
            REVOKE ALL ON SCHEMA vault FROM PUBLIC;
            REVOKE ALL ON SCHEMA vault FROM bastion_app;
            """;

    /**
     * Data directories from before the role split hold tables the superuser created; they pass to the
     * application role so that it can migrate them (and so that nothing in them needs a superuser).
     */
    static final String TAKE_OVER_SQL = """
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
                         AND c.relowner <> 'bastion_app'::regrole LOOP
                EXECUTE format('ALTER TABLE %s OWNER TO bastion_app', r.name);
              END LOOP;
              FOR r IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relkind = 'S'
                         AND c.relowner <> 'bastion_app'::regrole LOOP
                EXECUTE format('ALTER SEQUENCE %s OWNER TO bastion_app', r.name);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = 'public' AND p.proowner <> 'bastion_app'::regrole LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO bastion_app', r.name);
              END LOOP;
            END $$;
            """;

    private DatabaseRoles() {
    }

    /** Creates the roles and the vault schema and hands old tables to the application role. */
    static void bootstrap(Connection admin) {
        try (Statement statement = admin.createStatement()) {
            statement.execute(SETUP_SQL);
            statement.execute(TAKE_OVER_SQL);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up Bastion's database roles", e);
        }
    }
}
