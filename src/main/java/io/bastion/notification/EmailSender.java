package io.bastion.notification;

/** Delivers one e-mail: the dev inbox in development, SMTP in production. */
public interface EmailSender {

    /** Hands the message to the mail server, or throws {@link NotificationDeliveryException}. */
    void send(EmailMessage message);
}
