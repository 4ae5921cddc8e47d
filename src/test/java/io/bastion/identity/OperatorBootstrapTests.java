package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.Bastion;
import io.bastion.shared.ConfigurationProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Bootstraps a fresh Bastion (own data directory, own embedded PostgreSQL) with a configured operator key. */
class OperatorBootstrapTests {

    static final String CONFIGURED = "bootstrap-secret-chosen-by-the-operator-0123456789";

    private static ConfigurableApplicationContext start(Path dataDir, String key) {
        return new SpringApplicationBuilder(Bastion.class).web(WebApplicationType.NONE)
                .run("--bastion.data-dir=" + dataDir, "--bastion.bootstrap-operator-key=" + key);
    }

    @Test
    void aConfiguredBootstrapKeyBecomesAnOperatorKeyWithAllScopesAndNoKeyFileIsWritten(@TempDir Path dataDir) {
        try (var context = start(dataDir, CONFIGURED)) {
            ApiKeys keys = context.getBean(ApiKeys.class);
            var principal = keys.authenticate(CONFIGURED, "127.0.0.1").orElseThrow();
            assertThat(principal.ownerKind()).isEqualTo(ApiKeyPrincipal.OwnerKind.OPERATOR);
            assertThat(principal.scopes()).isEqualTo(ApiScope.operatorScopes());
            assertThat(keys.authenticate(CONFIGURED + "x", "127.0.0.1")).isEmpty();
        }
        assertThat(Files.exists(dataDir.resolve("bootstrap-operator-key"))).isFalse();
    }

    @Test
    void aShortBootstrapKeyRefusesToStart(@TempDir Path dataDir) {
        assertThatThrownBy(() -> start(dataDir, "too-short"))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("BASTION_BOOTSTRAP_OPERATOR_KEY")
                .hasMessageNotContaining("too-short");
    }
}
