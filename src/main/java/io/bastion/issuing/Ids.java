package io.bastion.issuing;

import java.security.SecureRandom;

/** Random prefixed ids such as {@code card_…}: 26 characters of a lower-case base-32 alphabet. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int LENGTH = 26;

    private Ids() {
    }

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
