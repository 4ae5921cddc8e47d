package io.bastion.vault;

/** The card schemes the vault recognises by BIN range. */
public enum CardBrand {
    VISA, MASTERCARD, AMEX;

    /** The brand whose ranges hold the number, or {@code null} when none does. */
    static CardBrand of(String digits) {
        if (digits.startsWith("4")) {
            return lengthIn(digits, 13, 16, 19) ? VISA : null;
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return digits.length() == 15 ? AMEX : null;
        }
        int two = Integer.parseInt(digits.substring(0, 2));
        int four = Integer.parseInt(digits.substring(0, 4));
        boolean mastercard = (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720);
        return mastercard && digits.length() == 16 ? MASTERCARD : null;
    }

    private static boolean lengthIn(String digits, int... lengths) {
        for (int length : lengths) {
            if (digits.length() == length) {
                return true;
            }
        }
        return false;
    }
}
