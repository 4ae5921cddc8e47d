package io.bastion.notification;

import java.util.Objects;
import java.util.regex.Pattern;

/** An SMS ready to send: an E.164 number and a bounded text; {@code toString()} hides both. */
public record SmsMessage(String to, String body) {

    /** Ten concatenated 160-character segments; longer texts are split unreliably by carriers. */
    public static final int BODY_LENGTH_MAX = 1_600;
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public SmsMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        if (!E164.matcher(to).matches()) {
            throw new IllegalArgumentException("to must be an E.164 phone number such as +447700900123");
        }
        MessageRules.requireText("body", body, BODY_LENGTH_MAX);
    }

    /** The number with all but its last three digits hidden, for logs. */
    public String maskedTo() {
        return MessageRules.maskPhone(to);
    }

    @Override
    public String toString() {
        return "SmsMessage[to=" + maskedTo() + ", body=(" + body.length() + " characters)]";
    }
}
