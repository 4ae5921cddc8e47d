package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.MerchantKeys;
import io.bastion.issuing.IssuingFixture;
import io.bastion.testing.BastionTest;
import io.bastion.testing.CommitProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An on-us payment on the hosted page waits for the disk once: the issuer's and acquiring's writes for its
 * authorization commit without waiting ({@link io.bastion.shared.DeferredCommit}), and the intent's last move, made
 * before the page answers, is the synchronous commit that puts them all on disk.
 */
@BastionTest
class OnUsPaymentCommitTests {

    private static final String DEVICE = "dev_commitprobe";

    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;
    @Autowired IntentStore store;

    @Test
    void aFrictionlessOnUsAuthorizationWaitsForTheDiskOnlyAtTheIntentsLastMove() {
        PagePayments payments = new PagePayments(context);
        MerchantKeys.Merchant merchant = new MerchantKeys(context).merchant();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + merchant.secret());
        IssuingFixture fixture = new IssuingFixture(context);
        IssuingFixture.Holder h = fixture.holder(500_00);
        // The first payment from the device is challenged; once answered, the device is known.
        String first = payments.onPage(auth, "{\"amount\": 1200, \"currency\": \"EUR\"}", h.details().number(),
                h.details().expiry(), h.details().cvv(), false, DEVICE);
        assertThat(payments.challenge(first, fixture.inbox.newestTo(h.customer().phone()).getFirst().body()).status())
                .isEqualTo(PaymentStatus.SUCCEEDED);

        try (CommitProbe probe = CommitProbe.watch(jdbc, Map.of("acquiring_payment_intent", "id", "ledger_transfer",
                "id", "issuing_authorization", "id", "audit_entry", "target"))) {
            String paid = payments.onPage(auth, "{\"amount\": 1500, \"currency\": \"EUR\", \"capture_method\": \"manual\"}",
                    h.details().number(), h.details().expiry(), h.details().cvv(), false, DEVICE);
            PaymentIntent intent = store.byId(paid).orElseThrow();
            assertThat(intent.status()).isEqualTo(PaymentStatus.REQUIRES_CAPTURE);
            assertThat(intent.threeDs().flow()).isEqualTo("frictionless");

            // Pressing Pay, after the merchant's own request created the intent (a synchronous commit of its own).
            List<CommitProbe.Write> writes = probe.writes(paid).stream()
                    .filter(w -> !(w.table().equals("acquiring_payment_intent") && w.operation().equals("INSERT")))
                    .toList();
            // The claim, the issuer's authorization, its hold and audit entry, acquiring's hold, the last move.
            assertThat(writes).extracting(CommitProbe.Write::table)
                    .contains("acquiring_payment_intent", "issuing_authorization", "ledger_transfer", "audit_entry");
            assertThat(writes.subList(0, writes.size() - 1)).allMatch(CommitProbe.Write::deferred);
            assertThat(writes.getLast()).extracting(CommitProbe.Write::table, CommitProbe.Write::key,
                    CommitProbe.Write::deferred).containsExactly("acquiring_payment_intent", paid, false);
        }
    }
}
