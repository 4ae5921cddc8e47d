package io.bastion.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.shared.ConfigurationProblem;
import io.bastion.shared.ConfigurationWarning;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class ProductionSendersTests {

    private static final String[] COMPLETE = {
            "bastion.smtp.host=smtp.example.com", "bastion.smtp.from=Bastion <no-reply@example.com>",
            "bastion.smtp.username=bastion", "bastion.smtp.password=smtp-password-123",
            "bastion.sms.url=https://sms.example.com/v1/messages", "bastion.sms.token=sms-token-123456"};

    private final List<ConfigurationWarning> warnings = new CopyOnWriteArrayList<>();

    private ApplicationContextRunner prod() {
        return new ApplicationContextRunner()
                .withInitializer(context -> {
                    context.getEnvironment().setActiveProfiles("prod");
                    context.addApplicationListener((ApplicationListener<ConfigurationWarning>) warnings::add);
                })
                .withUserConfiguration(ProductionSenders.class, DevInbox.class, devInboxController());
    }

    @Test
    void prodWiresSmtpAndTheHttpSmsProviderAndNoDevInbox() {
        prod().withPropertyValues(COMPLETE).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class);
            assertThat(context.getBean(SmsSender.class)).isInstanceOf(HttpSmsSender.class);
            assertThat(context).doesNotHaveBean(DevInbox.class);
            assertThat(context).doesNotHaveBean(devInboxController());
        });
        assertThat(warnings).isEmpty();
    }

    @Test
    void prodRefusesToStartWithoutAnSmtpHost() {
        assertRefused(without("bastion.smtp.host"), ProductionSenders.SMTP_HOST_SETTING);
    }

    @Test
    void prodRefusesToStartWithoutASenderAddress() {
        assertRefused(without("bastion.smtp.from"), ProductionSenders.SMTP_FROM_SETTING);
    }

    @Test
    void prodRefusesToStartWithAnSmtpUsernameButNoPassword() {
        assertRefused(without("bastion.smtp.password"), ProductionSenders.SMTP_PASSWORD_SETTING);
    }

    @Test
    void prodRefusesToStartWithoutAnSmsProviderUrl() {
        assertRefused(without("bastion.sms.url"), ProductionSenders.SMS_URL_SETTING);
    }

    @Test
    void prodRefusesToStartWithoutAnSmsProviderToken() {
        assertRefused(without("bastion.sms.token"), ProductionSenders.SMS_TOKEN_SETTING);
    }

    @Test
    void prodRefusesAPlainHttpSmsProvider() {
        assertRefused(replacing("bastion.sms.url", "http://sms.example.com/v1/messages"), ProductionSenders.SMS_URL_SETTING);
    }

    @Test
    void prodRefusesAnSmsProviderUrlCarryingCredentials() {
        assertRefused(replacing("bastion.sms.url", "https://user:pass@sms.example.com/"), ProductionSenders.SMS_URL_SETTING);
    }

    @Test
    void prodRefusesAMalformedSenderAddress() {
        assertRefused(replacing("bastion.smtp.from", "not an address"), ProductionSenders.SMTP_FROM_SETTING);
    }

    @Test
    void smtpRequiresTlsAndHasTimeouts() {
        JavaMailSenderImpl mail = ProductionSenders.mailSender("smtp.example.com", 587, "u", "p");
        assertThat(mail.getJavaMailProperties())
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.timeout", ProductionSenders.SMTP_TIMEOUT_MILLIS);
        assertThat(ProductionSenders.mailSender("smtp.example.com", 465, "", "").getProtocol()).isEqualTo("smtps");
    }

    @Test
    void devOnlyAndProdOnlyClassesCarryTheirProfiles() {
        assertThat(DevInbox.class.getAnnotation(Profile.class).value()).containsExactly("dev");
        assertThat(devInboxController().getAnnotation(Profile.class).value()).containsExactly("dev");
        assertThat(ProductionSenders.class.getAnnotation(Profile.class).value()).containsExactly("prod");
    }

    private void assertRefused(String[] settings, String setting) {
        prod().withPropertyValues(settings).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationProblem.class)
                    .hasMessageContaining(setting);
            assertThat(((ConfigurationProblem) rootCause(context.getStartupFailure())).setting()).isEqualTo(setting);
        });
        assertThat(warnings).anySatisfy(w -> {
            assertThat(w.setting()).isEqualTo(setting);
            assertThat(w.fatal()).isTrue();
        });
    }

    private static Class<?> devInboxController() {
        try {
            return Class.forName("io.bastion.notification.web.DevInboxController");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String[] replacing(String property, String value) {
        String[] settings = without(property);
        String[] replaced = java.util.Arrays.copyOf(settings, settings.length + 1);
        replaced[settings.length] = property + "=" + value;
        return replaced;
    }

    private static String[] without(String property) {
        return java.util.Arrays.stream(COMPLETE).filter(s -> !s.startsWith(property + "=")).toArray(String[]::new);
    }
}
