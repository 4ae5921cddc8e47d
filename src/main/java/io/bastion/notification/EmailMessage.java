package io.bastion.notification;

import java.util.Objects;

/** An e-mail ready to send: one address, a one-line subject and a text body; {@code toString()} hides the body. */
public record EmailMessage(String to, String subject, String body) {

    /** The longest forward path SMTP accepts (RFC 5321). */
    public static final int ADDRESS_LENGTH_MAX = 254;
    public static final int SUBJECT_LENGTH_MAX = 200;
    public static final int BODY_LENGTH_MAX = 100_000;

    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        MessageRules.requireAddress(to, ADDRESS_LENGTH_MAX);
        MessageRules.requireLine("subject", subject, SUBJECT_LENGTH_MAX);
        MessageRules.requireText("body", body, BODY_LENGTH_MAX);
    }

    /** The address with its local part hidden but for the first character, for logs. */
    public String maskedTo() {
        return MessageRules.maskAddress(to);
    }

    @Override
    public String toString() {
        return "EmailMessage[to=" + maskedTo() + ", subject=(" + subject.length() + " characters), body=("
                + body.length() + " characters)]";
    }
}
