package io.bastion.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.Bastion;
import io.bastion.shared.ConfigurationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Starts Bastion on a data directory of its own, as a newcomer's machine would, and restarts it. */
class EmbeddedDatabaseRestartTests {

    private static ConfigurableApplicationContext start(Path dataDir, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--bastion.data-dir=" + dataDir, "--server.port=0",
                "--bastion.database.embedded-durable=true"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(Bastion.class).run(args.toArray(String[]::new));
    }

    private static boolean postgresRunsOn(Path dataDir) {
        String cluster = dataDir.resolve("postgres").toString();
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                .map(a -> List.of(a).contains(cluster)).orElse(false));
    }

    @Test
    void theEmbeddedServerKeepsItsLogInTheDataDirectoryWithoutTheValuesOfAViolatedKey(@TempDir Path dataDir)
            throws Exception {
        try (var bastion = start(dataDir)) {
            JdbcClient jdbc = bastion.getBean(JdbcClient.class);
            jdbc.sql("CREATE TABLE log_probe (secret text PRIMARY KEY)").update();
            // As every statement of Bastion's, with its values bound as parameters.
            jdbc.sql("INSERT INTO log_probe VALUES (?)").param("probe-value-4111").update();
            assertThatThrownBy(() -> jdbc.sql("INSERT INTO log_probe VALUES (?)").param("probe-value-4111").update())
                    .hasMessageContaining("duplicate key");
        }
        Path logs = dataDir.resolve("postgres").resolve(EmbeddedPostgresServers.SERVER_LOG_DIRECTORY);
        String log;
        try (var files = Files.list(logs)) {
            log = files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
        }
        assertThat(log).contains("database system is ready to accept connections").contains("duplicate key value");
        assertThat(log).doesNotContain("probe-value-4111");
    }

    @Test
    void dataCertificateAndKeysSurviveRestartsAndNoPostgresOutlivesBastion(@TempDir Path dataDir) throws Exception {
        byte[] certificate;
        byte[] masterKey;
        String operatorKey;
        try (var first = start(dataDir)) {
            assertThat(postgresRunsOn(dataDir)).isTrue();
            first.getBean(JdbcClient.class).sql("CREATE TABLE restart_probe (note text)").update();
            first.getBean(JdbcClient.class).sql("INSERT INTO restart_probe VALUES ('kept')").update();
            certificate = Files.readAllBytes(dataDir.resolve("tls/certificate.pem"));
            masterKey = Files.readAllBytes(dataDir.resolve("master-key.json"));
            operatorKey = Files.readString(dataDir.resolve("bootstrap-operator-key"));
        }
        assertThat(postgresRunsOn(dataDir)).isFalse();

        for (int restart = 0; restart < 2; restart++) {
            try (var again = start(dataDir)) {
                JdbcClient jdbc = again.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT note FROM restart_probe").query(String.class).single()).isEqualTo("kept");
                assertThat(jdbc.sql("SELECT count(*) FROM identity_api_key WHERE owner_kind = 'OPERATOR'")
                        .query(Long.class).single()).isEqualTo(1L);
            }
            assertThat(Files.readAllBytes(dataDir.resolve("tls/certificate.pem"))).isEqualTo(certificate);
            assertThat(Files.readAllBytes(dataDir.resolve("master-key.json"))).isEqualTo(masterKey);
            assertThat(Files.readString(dataDir.resolve("bootstrap-operator-key"))).isEqualTo(operatorKey);
            assertThat(postgresRunsOn(dataDir)).isFalse();
        }
    }

    @Test
    void prodRefusesToStartWithoutACertificate(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "--spring.profiles.active=prod"))
                .hasStackTraceContaining("BASTION_TLS_CERTIFICATE");
        assertThat(postgresRunsOn(dataDir)).isFalse();
    }

    @Test
    void prodRefusesToStartWithoutAMasterKey(@TempDir Path dataDir) {
        Path tls = dataDir.resolve("given-tls");
        new SelfSignedCertificate(tls).ensure(java.time.Clock.systemUTC());
        assertThatThrownBy(() -> start(dataDir, "--spring.profiles.active=prod",
                "--bastion.tls.certificate=" + tls.resolve("certificate.pem"),
                "--bastion.tls.private-key=" + tls.resolve("private-key.pem")))
                .hasRootCauseInstanceOf(ConfigurationProblem.class)
                .hasStackTraceContaining("BASTION_MASTER_KEY_FILE");
        assertThat(postgresRunsOn(dataDir)).isFalse();
    }
}
