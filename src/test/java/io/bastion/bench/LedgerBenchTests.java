package io.bastion.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command runs every phase and prints a row for each; its figures are not asserted. */
class LedgerBenchTests {

    @Test
    void benchPrintsARowForEveryPhaseWithItsRatioToTheNaiveBaseline(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = LedgerBench.run(Bastion.class, List.of("--seconds", "2", "--data-dir", dir.resolve("bench").toString()), out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        List<String> rows = printed.lines().filter(line -> line.matches("^\\((a|b|b1|c|d)\\) +\\S.*x +[0-9]+$")).toList();
        assertThat(rows).as(printed).hasSize(5);
        assertThat(printed).contains("transfers/s", "p50 ms", "p99 ms", "CPU us/transfer", "xfr/flush", "vs (a)", "GC ms");
    }

    @Test
    void benchRefusesADataDirectoryThatIsNotItsOwn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("master-key.json"), "{}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = LedgerBench.run(Bastion.class, List.of("--data-dir", dir.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(LedgerBench.EXIT_USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("give it a directory of its own");
    }

    @Test
    void benchRefusesUnknownOptions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int exit = LedgerBench.run(Bastion.class, List.of("--threads", "9"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(LedgerBench.EXIT_USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: java -jar bastion.jar bench");
    }

    @Test
    void aGivenRateReplacesHalfOfTheMeasuredMaximumForTheOpenLoopPhases() {
        assertThat(BenchOptions.parse(List.of("--phases", "a1,a2")).openRate(600)).isEqualTo(300);
        assertThat(BenchOptions.parse(List.of("--phases", "a1,a2", "--rate", "236")).openRate(600)).isEqualTo(236);
    }

    @Test
    void benchRefusesARateThatIsNotAPositiveNumber() {
        for (String rate : List.of("0", "-5", "NaN", "fast")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            int exit = LedgerBench.run(Bastion.class, List.of("--phases", "a1,a2", "--rate", rate),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(exit).as(rate).isEqualTo(LedgerBench.EXIT_USAGE);
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: java -jar bastion.jar bench");
        }
    }
}
