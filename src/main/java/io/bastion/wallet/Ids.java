package io.bastion.wallet;

import java.security.SecureRandom;

/** Random identifiers and references for the wallet module: unguessable, prefixed, never sequential. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] LOWER = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    // Upper case without 0/O and 1/I, which people mistype when they copy a reference into their bank app.
    private static final char[] UPPER = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".toCharArray();
    private static final int ID_LENGTH = 26;
    private static final int END_TO_END_RANDOM_LENGTH = 24;

    private Ids() {
    }

    static String next(String prefix) {
        return prefix + "_" + random(LOWER, ID_LENGTH);
    }

    /** A top-up reference such as {@code BST-7KQ2-M9XH}. */
    static String topupReference() {
        return "BST-" + random(UPPER, 4) + "-" + random(UPPER, 4);
    }

    /** A SEPA end-to-end id: at most 35 characters of the SEPA character set. */
    static String endToEnd() {
        return "BSTPO" + random(UPPER, END_TO_END_RANDOM_LENGTH);
    }

    private static String random(char[] alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet[RANDOM.nextInt(alphabet.length)]);
        }
        return s.toString();
    }
}
