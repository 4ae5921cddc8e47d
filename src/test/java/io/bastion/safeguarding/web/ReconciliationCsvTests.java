package io.bastion.safeguarding.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.safeguarding.ReconciliationRecord;
import io.bastion.safeguarding.ReconciliationStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The regulator's CSV follows RFC 4180 and never hands a spreadsheet a formula. */
class ReconciliationCsvTests {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(ReconciliationCsv.text("plain")).isEqualTo("plain");
        assertThat(ReconciliationCsv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(ReconciliationCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ReconciliationCsv.text("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void textThatLooksLikeAFormulaIsDefused() {
        assertThat(ReconciliationCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReconciliationCsv.text("+1")).isEqualTo("'+1");
        assertThat(ReconciliationCsv.text("-2")).isEqualTo("'-2");
        assertThat(ReconciliationCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReconciliationCsv.text("\tx")).isEqualTo("'\tx");
    }

    @Test
    void amountsStayPlainIntegersAndRowsEndInCrLf() {
        ReconciliationRecord record = new ReconciliationRecord("rec_1", "run_1", "EUR", LocalDate.of(2026, 11, 23), 100, 90,
                null, null, ReconciliationStatus.SHORTFALL, -10, null, "=cmd|' /C calc'!A0", Instant.parse("2026-11-23T06:00:00Z"));
        String csv = ReconciliationCsv.write(List.of(record));
        assertThat(csv).isEqualTo(ReconciliationCsv.HEADER + "\r\n"
                + "2026-11-23,EUR,SHORTFALL,100,90,-10,,,,'=cmd|' /C calc'!A0,run_1,rec_1,2026-11-23T06:00:00Z\r\n");
    }
}
