package io.bastion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessagePreparator;

class SmtpEmailSenderTests {

    private static final EmailMessage MESSAGE = new EmailMessage("jane@example.com", "Your code", "Code: 777111");

    @Test
    void sendsAPlainTextMailFromTheConfiguredAddress() {
        RecordingMailSender mail = new RecordingMailSender(false);

        new SmtpEmailSender(mail, "Bastion <no-reply@example.com>").send(MESSAGE);

        assertThat(mail.sent).singleElement().satisfies(sent -> {
            assertThat(sent.getFrom()).isEqualTo("Bastion <no-reply@example.com>");
            assertThat(sent.getTo()).containsExactly("jane@example.com");
            assertThat(sent.getSubject()).isEqualTo("Your code");
            assertThat(sent.getText()).isEqualTo("Code: 777111");
        });
    }

    @Test
    void aRefusingServerFailsWithoutEchoingTheBodyOrTheFullAddress() {
        assertThatThrownBy(() -> new SmtpEmailSender(new RecordingMailSender(true), "no-reply@example.com").send(MESSAGE))
                .isInstanceOf(NotificationDeliveryException.class)
                .hasMessageContaining("j***@example.com")
                .hasMessageNotContaining("777111")
                .hasMessageNotContaining("jane@");
    }

    /** Spring's mail interface, recording instead of connecting; only the simple-message path is used. */
    private static final class RecordingMailSender implements JavaMailSender {

        final List<SimpleMailMessage> sent = new ArrayList<>();
        private final boolean refuse;

        RecordingMailSender(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public void send(SimpleMailMessage... messages) {
            if (refuse) {
                throw new MailSendException("554 rejected");
            }
            sent.addAll(List.of(messages));
        }

        @Override
        public MimeMessage createMimeMessage() {
            return new MimeMessage(Session.getInstance(new Properties()));
        }

        @Override
        public MimeMessage createMimeMessage(InputStream contentStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(MimeMessage... mimeMessages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void send(MimeMessagePreparator... mimeMessagePreparators) {
            throw new UnsupportedOperationException();
        }
    }
}
