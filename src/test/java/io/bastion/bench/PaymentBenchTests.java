package io.bastion.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.Bastion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payment and authorization phases run and print a row each; every payment is frictionless and approved
 * (authorized, for a1 and a2). Figures are not asserted.
 */
class PaymentBenchTests {

    private static final Pattern ROW = Pattern.compile(
            "^\\((p0|p1|p2|a1|a2)\\) +.*? +([0-9,.]+) +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+ \\([0-9]+\\+[0-9]+\\) +[0-9.]+ +[0-9.]+ +([0-9]+) +([0-9]+) +([0-9.]+x|-) +[0-9]+ +[0-9]+$");

    @Test
    void paymentPhasesPrintARowEachWithEveryPaymentFrictionlessAndApproved(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = LedgerBench.run(Bastion.class, List.of("--seconds", "1", "--phases", "p0,p1,p2,a1,a2", "--data-dir",
                dir.resolve("bench").toString()), out);

        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();
        List<Matcher> rows = printed.lines().map(ROW::matcher).filter(Matcher::matches).toList();
        assertThat(rows).as(printed).extracting(m -> m.group(1)).containsExactly("p0", "p1", "p2", "a1", "a2");
        for (Matcher row : rows) {
            assertThat(Double.parseDouble(row.group(2).replace(",", ""))).as(printed).isPositive();
            assertThat(row.group(3)).as("payments not frictionless\n" + printed).isEqualTo("0");
            assertThat(row.group(4)).as("payments declined\n" + printed).isEqualTo("0");
        }
        assertThat(printed).contains("payments/s", "p99.9 ms", "vs (p0)", "flush/pay", "JIT ms", "GC ms", "(p2): scheduled", "(a2): scheduled");
    }
}
