package io.bastion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Each module owns a migration folder; versions are shared across folders, so no two may be equal. */
class MigrationTests {

    @Test
    void noTwoMigrationsShareAVersionAcrossModuleFolders() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            List<String> versions = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .toList();
            assertThat(versions).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyMigrationFolderIsOnFlywaysPath() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        try (Stream<Path> folders = Files.list(Path.of("src/main/resources/db/migration"))) {
            // The vault's migrations run in their own Flyway instance, as the vault's database role.
            for (Path folder : folders.filter(Files::isDirectory).filter(f -> !f.endsWith("vault")).toList()) {
                assertThat(properties).as(folder.toString()).contains("classpath:db/migration/" + folder.getFileName());
            }
        }
    }
}
