package io.bastion.ledger;

import java.security.SecureRandom;
import java.util.Locale;

/** Random, prefixed, unguessable identifiers such as {@code acct_3v7k...}. */
final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int LENGTH = 26;

    private RandomIds() {
    }

    static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.toLowerCase(Locale.ROOT)).append('_');
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
