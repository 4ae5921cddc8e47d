package io.bastion.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.LeakEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

/**
 * After issuing cards, revealing their details and authorizing payments with their real numbers and CVV2s
 * (right and wrong), no card number in any form and no CVV2 beside a CVV label is in a full dump of the
 * database (pg_dump from the embedded PostgreSQL binaries, or COPY of every table when none matches the
 * server), in the logs, or in the test output.
 */
@BastionTest
@ExtendWith(OutputCaptureExtension.class)
class NoCardDataLeaksTests {

    private static final Logger LOG = LoggerFactory.getLogger(NoCardDataLeaksTests.class);

    @Autowired
    ApplicationContext context;
    @Autowired
    DataSource dataSource;

    @Test
    void noCardNumberOrCvvAppearsInTheDatabaseDumpTheLogsOrTheTestOutput(CapturedOutput output) throws Exception {
        IssuingFixture fixture = new IssuingFixture(context);
        List<RevealedCard> issued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            IssuingFixture.Holder h = fixture.holder(50_000);
            issued.add(h.details());
            AuthorizationResult approved = fixture.issuing.authorize(fixture.online(h, 1_000, h.details().cvv()));
            assertThat(approved.approved()).isTrue();
            assertThat(fixture.issuing.capture(approved.authorizationId(), 800)).isEqualTo(HoldOutcome.CAPTURED);
            String wrong = String.format("%03d", (Integer.parseInt(h.details().cvv()) + 7) % 1000);
            AuthorizationResult declined = fixture.issuing.authorize(fixture.online(h, 1_000, wrong));
            assertThat(declined.declineReason()).isEqualTo(DeclineReason.CVV_MISMATCH);
            LOG.info("authorized {} and {} on {} ({})", approved, declined, h.card().masked(), h.details());
            CardResult replaced = fixture.cards.replace(h.id(), h.card().id(), "127.0.0.1");
            issued.add(fixture.cards.reveal(h.id(), replaced.card().id(), "127.0.0.1").orElseThrow());
        }

        String dump = LeakEvidence.dump(dataSource);
        assertThat(dump).contains("issuing_card").contains("issuing_authorization").contains("audit_entry");
        // The scan sees real card rows: every masked number is there, only never the whole number.
        issued.forEach(card -> assertThat(dump).contains(card.number().substring(0, 6) + "******" + card.number().substring(12)));
        assertNoCardData("database dump", dump, issued);
        assertNoCardData("captured logs", output.getAll(), issued);
        assertNoCardData("surefire output", LeakEvidence.surefireOutput(), issued);
        LeakEvidence.clusterFiles().forEach((file, text) -> assertNoCardData("cluster file " + file, text, issued));
    }

    private static void assertNoCardData(String where, String text, List<RevealedCard> cards) {
        for (RevealedCard card : cards) {
            for (String form : forms(card.number())) {
                assertThat(text.contains(form)).as("%s holds a card number", where).isFalse();
            }
            // Three digits appear everywhere; a CVV2 leaks when it stands beside a CVV label or field name.
            Pattern labelled = Pattern.compile("(?i)(cvv2?|cvc2?|security.code)\\W{0,16}" + card.cvv() + "(?![0-9])");
            assertThat(labelled.matcher(text).find()).as("%s holds a CVV2", where).isFalse();
        }
    }

    /** The written forms of a number, plus its digits after the BIN (what a truncation would leave). */
    static List<String> forms(String pan) {
        List<String> forms = new ArrayList<>(LeakEvidence.forms(pan));
        forms.add(pan.substring(6));
        return forms;
    }
}
