package io.bastion.notification;

import java.time.Instant;

/** A message as the dev inbox shows it; {@code channel} is {@code "sms"} or {@code "email"}, {@code subject} null for SMS. */
public record InboxMessage(String channel, String to, String subject, String body, Instant sentAt) {

    @Override
    public String toString() {
        return "InboxMessage[channel=" + channel + ", sentAt=" + sentAt + "]";
    }
}
