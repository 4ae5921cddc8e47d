package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

/** The allowances themselves, with their production sizes, on the shared PostgreSQL-backed buckets. */
@BastionTest
class RateLimitsTests {

    @Autowired
    DataSource dataSource;

    private RateLimits productionLimits() {
        return new RateLimits(dataSource, true, new MockEnvironment());
    }

    @Test
    void thirtySignInsFromOneAddressInFiveMinutesAreAllowedAndTheThirtyFirstIsNot() {
        RateLimits limits = productionLimits();
        String address = "198.51.100." + Math.abs(UUID.randomUUID().hashCode() % 250);
        String subject = address + "/" + UUID.randomUUID();
        for (int i = 0; i < 30; i++) {
            assertThat(limits.tryAcquire(RateLimits.Limit.LOGIN_PER_IP, subject)).isTrue();
        }
        assertThat(limits.tryAcquire(RateLimits.Limit.LOGIN_PER_IP, subject)).isFalse();
    }

    @Test
    void sendingCodesToOnePhoneIsLimitedToFiveInFifteenMinutes() {
        RateLimits limits = productionLimits();
        String phone = "+44770" + Math.abs(UUID.randomUUID().hashCode() % 10_000_000);
        for (int i = 0; i < 5; i++) {
            assertThat(limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, phone)).isTrue();
        }
        assertThat(limits.tryAcquire(RateLimits.Limit.CODE_PER_PHONE, phone)).isFalse();
    }

    @Test
    void anAllowanceCanBeConfigured() {
        MockEnvironment environment = new MockEnvironment().withProperty("bastion.rate-limits.signup-per-ip.capacity", "2");
        RateLimits limits = new RateLimits(dataSource, true, environment);
        String subject = "203.0.113.7/" + UUID.randomUUID();
        assertThat(limits.tryAcquire(RateLimits.Limit.SIGNUP_PER_IP, subject)).isTrue();
        assertThat(limits.tryAcquire(RateLimits.Limit.SIGNUP_PER_IP, subject)).isTrue();
        assertThat(limits.tryAcquire(RateLimits.Limit.SIGNUP_PER_IP, subject)).isFalse();
    }
}
