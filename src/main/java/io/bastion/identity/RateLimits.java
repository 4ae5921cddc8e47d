package io.bastion.identity;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets kept in PostgreSQL so every app node shares them: sign-up, login and code sending are
 * limited per client address, per account and per phone number; cards typed on the hosted payment page per
 * client address.
 */
@Component
public class RateLimits {

    /** What is being limited, with its allowance. */
    public enum Limit {
        SIGNUP_PER_IP(10, Duration.ofHours(1)),
        LOGIN_PER_IP(30, Duration.ofMinutes(5)),
        LOGIN_PER_ACCOUNT(10, Duration.ofMinutes(5)),
        CODE_PER_ACCOUNT(5, Duration.ofMinutes(15)),
        CODE_PER_PHONE(5, Duration.ofMinutes(15)),
        CODE_PER_IP(20, Duration.ofMinutes(15)),
        RESET_PER_IP(10, Duration.ofMinutes(15)),
        /** Cards typed on hosted payment pages from one address: the brake on card testing with stolen numbers. */
        CARD_ENTRY_PER_IP(20, Duration.ofMinutes(15));

        private final long capacity;
        private final Duration period;

        Limit(long capacity, Duration period) {
            this.capacity = capacity;
            this.period = period;
        }
    }

    private final ProxyManager<String> buckets;
    private final Map<Limit, BucketConfiguration> configurations;
    private final boolean enabled;

    RateLimits(DataSource dataSource, @Value("${bastion.rate-limits.enabled:true}") boolean enabled,
               org.springframework.core.env.Environment environment) {
        this.enabled = enabled;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("identity_rate_limit")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        this.configurations = new java.util.EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            // Each allowance can be set, e.g. bastion.rate-limits.login-per-ip.capacity=100 (BASTION_RATE_LIMITS_LOGIN_PER_IP_CAPACITY).
            long capacity = environment.getProperty("bastion.rate-limits." + limit.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-') + ".capacity", Long.class, limit.capacity);
            configurations.put(limit, BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(capacity).refillGreedy(capacity, limit.period)).build());
        }
    }

    /** Takes one token; false when the allowance is used up. */
    public boolean tryAcquire(Limit limit, String subject) {
        if (!enabled || subject == null || subject.isBlank()) {
            return true;
        }
        String key = limit.name() + ":" + subject;
        return buckets.getProxy(key, () -> configurations.get(limit)).tryConsume(1);
    }
}
