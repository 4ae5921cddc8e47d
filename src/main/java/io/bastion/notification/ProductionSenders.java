package io.bastion.notification;

import io.bastion.platform.LogMasking;
import io.bastion.shared.ConfigurationProblem;
import io.bastion.shared.ConfigurationWarning;
import io.bastion.shared.Secret;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real providers for the prod profile: SMTP for e-mail and an HTTPS SMS provider. A missing or
 * unsafe setting refuses the start, naming the setting, rather than letting codes go undelivered.
 */
@Configuration(proxyBeanMethods = false)
@Profile("prod")
class ProductionSenders {

    static final String SMTP_HOST_SETTING = "BASTION_SMTP_HOST";
    static final String SMTP_PORT_SETTING = "BASTION_SMTP_PORT";
    static final String SMTP_USERNAME_SETTING = "BASTION_SMTP_USERNAME";
    static final String SMTP_PASSWORD_SETTING = "BASTION_SMTP_PASSWORD";
    static final String SMTP_FROM_SETTING = "BASTION_SMTP_FROM";
    static final String SMS_URL_SETTING = "BASTION_SMS_URL";
    static final String SMS_TOKEN_SETTING = "BASTION_SMS_TOKEN";
    static final int SMTP_IMPLICIT_TLS_PORT = 465;
    static final String SMTP_TIMEOUT_MILLIS = "10000";

    private final ApplicationEventPublisher events;

    ProductionSenders(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Bean
    EmailSender smtpEmailSender(@Value("${bastion.smtp.host:}") String host,
                                @Value("${bastion.smtp.port:587}") int port,
                                @Value("${bastion.smtp.username:}") String username,
                                @Value("${bastion.smtp.password:}") String password,
                                @Value("${bastion.smtp.from:}") String from) {
        require(host, SMTP_HOST_SETTING, "prod needs an SMTP server to send e-mail");
        require(from, SMTP_FROM_SETTING, "prod needs a sender address for e-mail");
        requireAddress(from);
        if (port < 1 || port > 65_535) {
            refuse(SMTP_PORT_SETTING, SMTP_PORT_SETTING + " must be a TCP port between 1 and 65535");
        }
        if (!username.isBlank()) {
            require(password, SMTP_PASSWORD_SETTING, SMTP_USERNAME_SETTING + " is set, so the SMTP password is needed");
            LogMasking.registerSecret(password);
        }
        return new SmtpEmailSender(mailSender(host, port, username, password), from);
    }

    @Bean
    SmsSender httpSmsSender(@Value("${bastion.sms.url:}") String url, @Value("${bastion.sms.token:}") String token) {
        require(url, SMS_URL_SETTING, "prod needs an SMS provider endpoint");
        require(token, SMS_TOKEN_SETTING, "prod needs the SMS provider's API token");
        URI endpoint = httpsEndpoint(url);
        LogMasking.registerSecret(token);
        return new HttpSmsSender(endpoint, new Secret(token));
    }

    private void requireAddress(String from) {
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            refuse(SMTP_FROM_SETTING, SMTP_FROM_SETTING + " must be an address such as Bastion <no-reply@example.com>");
        }
    }

    private URI httpsEndpoint(String url) {
        try {
            URI endpoint = URI.create(url.trim());
            if ("https".equalsIgnoreCase(endpoint.getScheme()) && endpoint.getHost() != null
                    && endpoint.getUserInfo() == null) {
                return endpoint;
            }
        } catch (IllegalArgumentException e) {
            // Reported below with the same words as any other unusable address.
        }
        // The token travels with every request, so only TLS will do, and never as user info in the URL.
        return refuse(SMS_URL_SETTING, SMS_URL_SETTING + " must be an https:// URL without user info");
    }

    static JavaMailSenderImpl mailSender(String host, int port, String username, String password) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host.trim());
        sender.setPort(port);
        boolean implicitTls = port == SMTP_IMPLICIT_TLS_PORT;
        String protocol = implicitTls ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        Properties properties = new Properties();
        // Mail carries one-time codes: TLS is required (STARTTLS or implicit) and the certificate's name checked.
        properties.setProperty("mail." + protocol + ".starttls.enable", Boolean.toString(!implicitTls));
        properties.setProperty("mail." + protocol + ".starttls.required", Boolean.toString(!implicitTls));
        properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        properties.setProperty("mail." + protocol + ".connectiontimeout", SMTP_TIMEOUT_MILLIS);
        properties.setProperty("mail." + protocol + ".timeout", SMTP_TIMEOUT_MILLIS);
        properties.setProperty("mail." + protocol + ".writetimeout", SMTP_TIMEOUT_MILLIS);
        if (!username.isBlank()) {
            sender.setUsername(username);
            sender.setPassword(password);
            properties.setProperty("mail." + protocol + ".auth", "true");
        }
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private void require(String value, String setting, String reason) {
        if (value == null || value.isBlank()) {
            refuse(setting, "prod refuses to start without " + setting + ": " + reason);
        }
    }

    private <T> T refuse(String setting, String message) {
        events.publishEvent(new ConfigurationWarning(this, setting, message, true));
        throw new ConfigurationProblem(setting, message);
    }
}
