package io.bastion;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the house style of the architecture guide honest. */
class StyleTests {

    static final int METHOD_LINES_MAX = 70;
    static final List<String> MONEY_MODULES = List.of("ledger", "wallet", "safeguarding", "acquiring", "issuing");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bastion");

    @Test
    void noMainCodeWritesToStandardOutputOrPrintsStackTraces() {
        noClasses().that().resideOutsideOfPackage("io.bastion")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(main);
    }

    @Test
    void nobodyReadsTheWallClockOutsideAnInjectedClock() {
        noClasses().should().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .check(main);
    }

    @Test
    void moneyIsNeverAFloatingPointNumber() {
        noFields().that().haveNameMatching("(?i).*(amount|balance|debit|credit|fee|price|total).*")
                .should().haveRawType(double.class).orShould().haveRawType(float.class)
                .orShould().haveRawType(Double.class).orShould().haveRawType(Float.class)
                .allowEmptyShould(true).check(main);
        noMethods().that().haveNameMatching("(?i).*(amount|balance|fee|price|total).*")
                .should().haveRawReturnType(double.class).orShould().haveRawReturnType(float.class)
                .allowEmptyShould(true).check(main);
    }

    @Test
    void moneyModulesNeverMentionDoubleOrFloat() throws IOException {
        List<String> offenders = new ArrayList<>();
        Pattern floating = Pattern.compile("\\b(double|float|Double|Float|BigDecimal)\\b");
        for (String module : MONEY_MODULES) {
            Path dir = MAIN_SOURCES.resolve("io/bastion").resolve(module);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    // Comments may speak of double-entry bookkeeping; only code counts.
                    String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "");
                    if (floating.matcher(code).find()) {
                        offenders.add(file.toString());
                    }
                }
            }
        }
        assertThat(offenders).as("money code using floating point").isEmpty();
    }

    @Test
    void typesAreNotNamedImplHelperUtilManagerOrDefault() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameStartingWith("Default")
                .check(main);
    }

    @Test
    void noLombok() {
        noClasses().should().dependOnClassesThat().resideInAPackage("lombok..").check(main);
    }

    @Test
    void beansUseConstructorInjectionNotFieldInjection() {
        noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired").check(main);
    }

    @Test
    void methodsStayUnderSeventyLines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                tooLong.addAll(longMethods(file));
            }
        }
        assertThat(tooLong).as("methods longer than %d lines", METHOD_LINES_MAX).isEmpty();
    }

    @Test
    void publicTypesCarryAJavadocSentence() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern publicType = Pattern.compile("^public (final |abstract |sealed |non-sealed )*(class|record|interface|enum|@interface) ");
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (publicType.matcher(lines.get(i)).find() && !documented(lines, i)) {
                        missing.add(file.toString());
                    }
                }
            }
        }
        assertThat(missing).as("public types without Javadoc").isEmpty();
    }

    private static boolean documented(List<String> lines, int declaration) {
        for (int i = declaration - 1; i >= 0; i--) {
            String line = lines.get(i).trim();
            if (line.endsWith("*/")) {
                return true;
            }
            if (!line.startsWith("@") && !line.isEmpty()) {
                return false;
            }
        }
        return false;
    }

    /** Finds method bodies by brace matching from a signature line; good enough for this code base's formatting. */
    private static List<String> longMethods(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Pattern signature = Pattern.compile("^    (?:(?:public|protected|private|static|final|synchronized|default)\\s+)*"
                + "(?:<[^>]+>\\s+)?[\\w<>\\[\\],.? ]+\\s+(\\w+)\\([^;]*$");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = signature.matcher(lines.get(i));
            if (!m.find() || lines.get(i).contains(" class ") || lines.get(i).contains(" record ")) {
                continue;
            }
            int depth = 0;
            boolean opened = false;
            for (int j = i; j < lines.size(); j++) {
                for (char c : lines.get(j).toCharArray()) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                    opened |= c == '{';
                }
                if (opened && depth == 0) {
                    if (j - i + 1 > METHOD_LINES_MAX) {
                        found.add(file.getFileName() + "#" + m.group(1) + " (" + (j - i + 1) + " lines)");
                    }
                    i = j;
                    break;
                }
            }
        }
        return found;
    }
}
