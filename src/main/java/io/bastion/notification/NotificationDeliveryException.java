package io.bastion.notification;

/**
 * The provider did not accept a message. The message names the channel and the outcome only: never the
 * body, the full recipient or a credential.
 */
public final class NotificationDeliveryException extends RuntimeException {

    public NotificationDeliveryException(String message) {
        super(message);
    }

    public NotificationDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
