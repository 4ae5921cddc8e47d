package io.bastion.wallet;

import static io.bastion.wallet.PayoutStatus.EXPORTED;
import static io.bastion.wallet.PayoutStatus.HELD;
import static io.bastion.wallet.PayoutStatus.POSTED;
import static io.bastion.wallet.PayoutStatus.RETURNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayoutStatusTests {

    static final Map<PayoutStatus, Set<PayoutStatus>> ALLOWED = Map.of(
            HELD, EnumSet.of(EXPORTED, POSTED, RETURNED),
            EXPORTED, EnumSet.of(POSTED, RETURNED),
            POSTED, EnumSet.noneOf(PayoutStatus.class),
            RETURNED, EnumSet.noneOf(PayoutStatus.class));

    @Test
    void everyAllowedAndForbiddenMoveIsAsListed() {
        for (PayoutStatus from : PayoutStatus.values()) {
            for (PayoutStatus to : PayoutStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }

    @Test
    void postedAndReturnedPayoutsAreFinalAndOnlyOpenOnesMove() {
        assertThat(PayoutStatus.sourcesOf(POSTED)).containsExactlyInAnyOrder("held", "exported");
        assertThat(PayoutStatus.sourcesOf(EXPORTED)).containsExactly("held");
        assertThat(PayoutStatus.sourcesOf(HELD)).isEmpty();
        assertThat(PayoutStatus.open()).containsExactlyInAnyOrder(HELD, EXPORTED);
    }
}
