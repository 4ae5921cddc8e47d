package io.bastion.notification;

/** Delivers one SMS: the dev inbox in development, the HTTP provider adapter in production. */
public interface SmsSender {

    /** Hands the message to the provider, or throws {@link NotificationDeliveryException}. */
    void send(SmsMessage message);
}
