package io.bastion.acquiring;

import static io.bastion.acquiring.PaymentStatus.CANCELED;
import static io.bastion.acquiring.PaymentStatus.FAILED;
import static io.bastion.acquiring.PaymentStatus.PROCESSING;
import static io.bastion.acquiring.PaymentStatus.REQUIRES_ACTION;
import static io.bastion.acquiring.PaymentStatus.REQUIRES_CAPTURE;
import static io.bastion.acquiring.PaymentStatus.REQUIRES_PAYMENT_METHOD;
import static io.bastion.acquiring.PaymentStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every one of the 49 moves between payment statuses, allowed or forbidden, listed explicitly. */
class PaymentStatusTests {

    private static final Set<String> ALLOWED = Set.of(
            "REQUIRES_PAYMENT_METHOD>REQUIRES_ACTION", "REQUIRES_PAYMENT_METHOD>PROCESSING", "REQUIRES_PAYMENT_METHOD>CANCELED",
            "REQUIRES_ACTION>PROCESSING", "REQUIRES_ACTION>FAILED", "REQUIRES_ACTION>CANCELED",
            "PROCESSING>REQUIRES_ACTION", "PROCESSING>REQUIRES_CAPTURE", "PROCESSING>SUCCEEDED", "PROCESSING>FAILED",
            "REQUIRES_CAPTURE>SUCCEEDED", "REQUIRES_CAPTURE>CANCELED");

    private static final Set<String> FORBIDDEN = Set.of(
            "REQUIRES_PAYMENT_METHOD>REQUIRES_PAYMENT_METHOD", "REQUIRES_PAYMENT_METHOD>REQUIRES_CAPTURE",
            "REQUIRES_PAYMENT_METHOD>SUCCEEDED", "REQUIRES_PAYMENT_METHOD>FAILED",
            "REQUIRES_ACTION>REQUIRES_PAYMENT_METHOD", "REQUIRES_ACTION>REQUIRES_ACTION", "REQUIRES_ACTION>REQUIRES_CAPTURE",
            "REQUIRES_ACTION>SUCCEEDED",
            "PROCESSING>REQUIRES_PAYMENT_METHOD", "PROCESSING>PROCESSING", "PROCESSING>CANCELED",
            "REQUIRES_CAPTURE>REQUIRES_PAYMENT_METHOD", "REQUIRES_CAPTURE>REQUIRES_ACTION", "REQUIRES_CAPTURE>PROCESSING",
            "REQUIRES_CAPTURE>REQUIRES_CAPTURE", "REQUIRES_CAPTURE>FAILED",
            "SUCCEEDED>REQUIRES_PAYMENT_METHOD", "SUCCEEDED>REQUIRES_ACTION", "SUCCEEDED>PROCESSING",
            "SUCCEEDED>REQUIRES_CAPTURE", "SUCCEEDED>SUCCEEDED", "SUCCEEDED>CANCELED", "SUCCEEDED>FAILED",
            "CANCELED>REQUIRES_PAYMENT_METHOD", "CANCELED>REQUIRES_ACTION", "CANCELED>PROCESSING",
            "CANCELED>REQUIRES_CAPTURE", "CANCELED>SUCCEEDED", "CANCELED>CANCELED", "CANCELED>FAILED",
            "FAILED>REQUIRES_PAYMENT_METHOD", "FAILED>REQUIRES_ACTION", "FAILED>PROCESSING",
            "FAILED>REQUIRES_CAPTURE", "FAILED>SUCCEEDED", "FAILED>CANCELED", "FAILED>FAILED");

    @Test
    void theListsCoverEveryPairOfStatusesExactlyOnce() {
        int n = PaymentStatus.values().length;
        assertThat(ALLOWED.size() + FORBIDDEN.size()).isEqualTo(n * n);
        assertThat(ALLOWED).doesNotContainAnyElementsOf(FORBIDDEN);
    }

    @Test
    void everyListedMoveIsAllowedOrForbiddenAsListed() {
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                String move = from + ">" + to;
                assertThat(from.canMoveTo(to)).as(move).isEqualTo(ALLOWED.contains(move));
                assertThat(from.canMoveTo(to)).as(move).isNotEqualTo(FORBIDDEN.contains(move));
            }
        }
    }

    @Test
    void finalStatusesGoNowhereAndOnlyTheFirstStatusIsUnconfirmed() {
        for (PaymentStatus end : Set.of(SUCCEEDED, CANCELED, FAILED)) {
            for (PaymentStatus to : PaymentStatus.values()) {
                assertThat(end.canMoveTo(to)).isFalse();
            }
        }
        assertThat(REQUIRES_PAYMENT_METHOD.confirmed()).isFalse();
        assertThat(Set.of(REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED, FAILED))
                .allMatch(PaymentStatus::confirmed);
    }

    @Test
    void theStoreMovesOnlyFromTheSourcesTheTableNames() {
        assertThat(PaymentStatus.sourcesOf(SUCCEEDED)).containsExactlyInAnyOrder("processing", "requires_capture");
        assertThat(PaymentStatus.sourcesOf(CANCELED))
                .containsExactlyInAnyOrder("requires_payment_method", "requires_action", "requires_capture");
        assertThat(PaymentStatus.sourcesOf(REQUIRES_PAYMENT_METHOD)).isEmpty();
    }
}
