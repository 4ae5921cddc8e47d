package io.bastion.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates verified customers and staff straight through the user store, with fresh e-mails and phones,
 * and acts as their authenticator app: each code it hands out is for a later time step than the last.
 * Built by each test from the context's beans (not a bean itself, so the shared test context stays one).
 */
final class PeopleFixture {

    static final String PASSWORD = "correct horse battery staple 42";
    static final long STEP_SECONDS = 30;

    private final UserStore users;
    private final PasswordHashing hashing;
    private final Totp totp;
    private final Clock clock;

    PeopleFixture(UserStore users, PasswordHashing hashing, Totp totp, Clock clock) {
        this.users = users;
        this.hashing = hashing;
        this.totp = totp;
        this.clock = clock;
    }

    /** A person and, when they have one, their authenticator app. */
    static final class Person {
        final String id;
        final String email;
        final String name;
        String phone;
        String totpSecret;
        long lastStep = Long.MIN_VALUE;

        Person(String id, String email, String name) {
            this.id = id;
            this.email = email;
            this.name = name;
        }
    }

    Person customer(String name, boolean withTotp) {
        return person(UserAccount.Kind.CUSTOMER, null, name, withTotp);
    }

    Person staff(UserAccount.StaffRole role, String name) {
        return person(UserAccount.Kind.STAFF, role, name, true);
    }

    private Person person(UserAccount.Kind kind, UserAccount.StaffRole role, String name, boolean withTotp) {
        String id = RandomIds.id("usr");
        String email = "p-" + UUID.randomUUID() + "@example.com";
        String phone = "+4477" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        users.insert(id, kind, role, email, phone, name, hashing.hash(PASSWORD));
        users.markEmailVerified(id);
        users.markPhoneVerified(id);
        Person person = new Person(id, email, name);
        person.phone = phone;
        if (withTotp) {
            String secret = totp.newEnrolment(email).base32Secret();
            person.totpSecret = secret;
            if (!totp.enable(id, secret, code(person))) {
                throw new IllegalStateException("could not enable TOTP for a fixture person");
            }
        }
        return person;
    }

    /** Remembers a secret the person's app was set up with in the browser, and the step that enrolled it. */
    void enrolled(Person person, String secret, long step) {
        person.totpSecret = secret;
        person.lastStep = step;
    }

    long currentStep() {
        return clock.instant().getEpochSecond() / STEP_SECONDS;
    }

    /** A code Bastion accepts now (within one step of drift) and that the person has not used yet. */
    String code(Person person) {
        long current = currentStep();
        long step = Math.max(person.lastStep + 1, current - 1);
        while (step > current + 1) {
            sleepBriefly();
            current = currentStep();
        }
        person.lastStep = step;
        return totp.codeAt(person.totpSecret, Instant.ofEpochSecond(step * STEP_SECONDS));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
