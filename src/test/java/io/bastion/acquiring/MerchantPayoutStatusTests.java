package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.acquiring.PaymentIntents.PayoutStatus;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every one of the nine moves between payout statuses, allowed or forbidden, listed explicitly. */
class MerchantPayoutStatusTests {

    private static final Set<String> ALLOWED = Set.of("REQUESTED>IN_TRANSIT", "REQUESTED>FAILED");

    private static final Set<String> FORBIDDEN = Set.of("REQUESTED>REQUESTED",
            "IN_TRANSIT>REQUESTED", "IN_TRANSIT>IN_TRANSIT", "IN_TRANSIT>FAILED",
            "FAILED>REQUESTED", "FAILED>IN_TRANSIT", "FAILED>FAILED");

    @Test
    void theListsCoverEveryPairOfStatusesExactlyOnce() {
        int n = PayoutStatus.values().length;
        assertThat(ALLOWED.size() + FORBIDDEN.size()).isEqualTo(n * n);
        assertThat(ALLOWED).doesNotContainAnyElementsOf(FORBIDDEN);
    }

    @Test
    void everyListedMoveIsAllowedOrForbiddenAsListed() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutStatus to : PayoutStatus.values()) {
                String move = from + ">" + to;
                assertThat(from.canMoveTo(to)).as(move).isEqualTo(ALLOWED.contains(move));
                assertThat(from.canMoveTo(to)).as(move).isNotEqualTo(FORBIDDEN.contains(move));
            }
        }
    }

    @Test
    void theStoreMovesAPayoutOnlyFromTheSourcesTheTableNames() {
        assertThat(PayoutStatus.sourcesOf(PayoutStatus.IN_TRANSIT)).containsExactly("requested");
        assertThat(PayoutStatus.sourcesOf(PayoutStatus.FAILED)).containsExactly("requested");
        assertThat(PayoutStatus.sourcesOf(PayoutStatus.REQUESTED)).isEmpty();
    }
}
