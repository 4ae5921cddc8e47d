package io.bastion.threeds;

import static io.bastion.threeds.ThreeDsStatus.AUTHENTICATED;
import static io.bastion.threeds.ThreeDsStatus.CANCELED;
import static io.bastion.threeds.ThreeDsStatus.CHALLENGE_PENDING;
import static io.bastion.threeds.ThreeDsStatus.FAILED;
import static io.bastion.threeds.ThreeDsStatus.TIMED_OUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThreeDsStatusTests {

    private static final Map<ThreeDsStatus, Set<ThreeDsStatus>> ALLOWED = Map.of(
            CHALLENGE_PENDING, EnumSet.of(AUTHENTICATED, FAILED, CANCELED, TIMED_OUT),
            AUTHENTICATED, EnumSet.noneOf(ThreeDsStatus.class),
            FAILED, EnumSet.noneOf(ThreeDsStatus.class),
            CANCELED, EnumSet.noneOf(ThreeDsStatus.class),
            TIMED_OUT, EnumSet.noneOf(ThreeDsStatus.class));

    @Test
    void onlyAPendingChallengeMovesAndEveryOtherMoveIsForbidden() {
        for (ThreeDsStatus from : ThreeDsStatus.values()) {
            for (ThreeDsStatus to : ThreeDsStatus.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(ALLOWED.get(from).contains(to));
            }
        }
    }
}
