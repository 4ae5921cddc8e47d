package io.bastion.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, prefixed, unguessable identifiers and secrets. */
final class RandomIds {

    static final int ID_BYTES = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    static String id(String prefix) {
        return prefix + "_" + token(ID_BYTES);
    }

    static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** A numeric code of the given length, uniformly drawn. */
    static String digits(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }
}
