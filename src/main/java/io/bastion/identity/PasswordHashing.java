package io.bastion.identity;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane). Also hashes a fixed dummy
 * so that a login for an unknown or locked account costs the same time as a real one.
 */
@Component
class PasswordHashing {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final int PARALLELISM = 1;
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final String dummy = encoder.encode("not-a-real-password-just-for-equal-timing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        return password != null && hash != null && encoder.matches(password, hash);
    }

    /** Spends the same effort as a real check, for answers that must not reveal an account's state. */
    void burn(String password) {
        encoder.matches(password == null ? "" : password, dummy);
    }
}
