package io.bastion.notification;

import java.util.Objects;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** The production e-mail sender: plain-text mail through the configured SMTP server. */
final class SmtpEmailSender implements EmailSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailSender(JavaMailSender mail, String from) {
        this.mail = Objects.requireNonNull(mail, "mail");
        this.from = Objects.requireNonNull(from, "from");
    }

    @Override
    public void send(EmailMessage message) {
        SimpleMailMessage mailMessage = new SimpleMailMessage();
        mailMessage.setFrom(from);
        mailMessage.setTo(message.to());
        mailMessage.setSubject(message.subject());
        mailMessage.setText(message.body());
        try {
            mail.send(mailMessage);
        } catch (MailException e) {
            // The cause's message is the server's reply, which never contains the body we sent.
            throw new NotificationDeliveryException("the SMTP server did not accept the e-mail to " + message.maskedTo(), e);
        }
    }
}
