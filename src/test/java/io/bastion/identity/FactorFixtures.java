package io.bastion.identity;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Creates verified users straight through the store, so factor tests need no sign-up round trip. */
record FactorFixtures(UserStore users, PasswordHashing hashing, JdbcClient jdbc, Clock clock) {

    static final String PASSWORD = "correct horse battery staple 42";

    static FactorFixtures of(ApplicationContext context) {
        return new FactorFixtures(context.getBean(UserStore.class), context.getBean(PasswordHashing.class),
                context.getBean(JdbcClient.class), context.getBean(Clock.class));
    }

    /** A verified individual customer with a fresh e-mail and phone, and no second factor. */
    UserAccount customer() {
        String id = RandomIds.id("usr");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String phone = "+4477" + String.format("%08d", Math.floorMod(unique.hashCode(), 100_000_000));
        users.insert(id, UserAccount.Kind.CUSTOMER, null, "factor-" + unique + "@example.com", phone, "Ada " + unique,
                hashing.hash(PASSWORD));
        users.markEmailVerified(id);
        users.markPhoneVerified(id);
        return users.byId(id).orElseThrow();
    }

    /** A verified customer who owns a business, so a second factor is mandatory for them. */
    UserAccount businessOwner() {
        UserAccount user = customer();
        String business = RandomIds.id("biz");
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.sql("INSERT INTO identity_business (id, name, created_at) VALUES (?, ?, ?)").params(business, "Acme", now).update();
        jdbc.sql("INSERT INTO identity_membership (business_id, user_id, role, created_at) VALUES (?, ?, 'OWNER', ?)")
                .params(business, user.id(), now).update();
        return user;
    }

    void unverifyPhone(String userId) {
        jdbc.sql("UPDATE identity_user SET phone_verified_at = NULL WHERE id = ?").param(userId).update();
    }

    UserAccount reload(String userId) {
        return users.byId(userId).orElseThrow();
    }
}
