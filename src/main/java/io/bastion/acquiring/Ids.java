package io.bastion.acquiring;

import java.security.SecureRandom;

/** Random prefixed identifiers for the acquiring module: unguessable, never sequential. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] LOWER = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int ID_LENGTH = 26;

    private Ids() {
    }

    static String next(String prefix) {
        StringBuilder s = new StringBuilder(prefix).append('_');
        for (int i = 0; i < ID_LENGTH; i++) {
            s.append(LOWER[RANDOM.nextInt(LOWER.length)]);
        }
        return s.toString();
    }
}
