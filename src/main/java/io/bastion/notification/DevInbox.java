package io.bastion.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The development SMS and e-mail sender: stores each message so that a developer (or a test) can read
 * the one-time codes Bastion would have sent. Exists only in the dev profile; it is the one place an
 * OTP may be stored.
 */
@Component
@Profile("dev")
public final class DevInbox implements SmsSender, EmailSender {

    /** The most messages one read returns. */
    public static final int MESSAGES_MAX = 200;
    /** Older messages are pruned beyond this many, so the inbox stays bounded. */
    static final int KEPT_MESSAGES_MAX = 1_000;
    static final String SMS = "sms";
    static final String EMAIL = "email";
    private static final Logger LOG = LoggerFactory.getLogger(DevInbox.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    DevInbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void send(SmsMessage message) {
        store(SMS, message.to(), null, message.body());
        LOG.info("dev inbox: sms to {} is readable at /dev/inbox", message.maskedTo());
    }

    @Override
    public void send(EmailMessage message) {
        store(EMAIL, message.to(), message.subject(), message.body());
        LOG.info("dev inbox: e-mail to {} is readable at /dev/inbox", message.maskedTo());
    }

    /** The newest messages first, at most {@link #MESSAGES_MAX}. */
    public List<InboxMessage> newest() {
        return jdbc.sql("""
                        SELECT channel, recipient, subject, body, sent_at FROM notification_dev_message
                        ORDER BY sent_at DESC, id DESC LIMIT ?""")
                .param(MESSAGES_MAX).query(DevInbox::message).list();
    }

    /** The newest messages to one recipient first, at most {@link #MESSAGES_MAX}. */
    public List<InboxMessage> newestTo(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        return jdbc.sql("""
                        SELECT channel, recipient, subject, body, sent_at FROM notification_dev_message
                        WHERE recipient = ? ORDER BY sent_at DESC, id DESC LIMIT ?""")
                .params(recipient, MESSAGES_MAX).query(DevInbox::message).list();
    }

    private void store(String channel, String recipient, String subject, String body) {
        OffsetDateTime sentAt = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        jdbc.sql("INSERT INTO notification_dev_message (channel, recipient, subject, body, sent_at) VALUES (?, ?, ?, ?, ?)")
                .params(channel, recipient, subject, body, sentAt).update();
        jdbc.sql("""
                        DELETE FROM notification_dev_message WHERE id <= (
                            SELECT id FROM notification_dev_message ORDER BY id DESC OFFSET ? LIMIT 1)""")
                .param(KEPT_MESSAGES_MAX).update();
    }

    private static InboxMessage message(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new InboxMessage(rs.getString("channel"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("body"), rs.getObject("sent_at", OffsetDateTime.class).toInstant());
    }
}
