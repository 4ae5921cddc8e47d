package io.bastion.notification;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends SMS and e-mail. Inputs are checked here (E.164 numbers, e-mail shape, bounded lengths) so
 * that no sender ever sees a malformed message; invalid input is a caller's bug and throws
 * {@link IllegalArgumentException}.
 */
@Service
public final class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private final SmsSender sms;
    private final EmailSender email;

    Notifications(SmsSender sms, EmailSender email) {
        this.sms = Objects.requireNonNull(sms, "sms");
        this.email = Objects.requireNonNull(email, "email");
    }

    /** Sends a text to an E.164 phone number such as {@code +447700900123}. */
    public void sendSms(String phone, String body) {
        SmsMessage message = new SmsMessage(phone, body);
        sms.send(message);
        // Only the masked number: the body usually carries a one-time code.
        LOG.info("sent sms to {}", message.maskedTo());
    }

    /** Sends a plain-text e-mail to one address. */
    public void sendEmail(String address, String subject, String body) {
        EmailMessage message = new EmailMessage(address, subject, body);
        email.send(message);
        LOG.info("sent e-mail to {}", message.maskedTo());
    }
}
