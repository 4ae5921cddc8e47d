package io.bastion.threeds;

import java.time.Duration;

/**
 * The ACS's configurable rules (documented in docs/threeds.md): the largest amount that may pass
 * frictionless, and the challenge's limits.
 */
record AcsRules(long frictionlessAmountMax, Duration otpValidity, int otpAttemptsMax, int otpResendsMax,
        Duration challengeIdleMax) {
}
