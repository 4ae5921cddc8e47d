package io.bastion.wallet;

/** A bank file refused as a whole: the line where the problem is (1 when it concerns the whole file) and why. */
public final class MalformedBankFile extends Exception {

    private final int line;
    private final String reason;

    MalformedBankFile(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
