package io.bastion.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.testing.BastionTest;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@BastionTest
class DevInboxTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Notifications notifications;

    @Autowired
    TestClient client;

    @Test
    void sentSmsAndEmailAppearNewestFirstInTheJsonInbox() {
        String phone = randomPhone();
        String address = "inbox-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com";
        Instant before = Instant.now();

        notifications.sendSms(phone, "Your Bastion code is 123456");
        notifications.sendEmail(address, "Welcome to Bastion", "Hello,\nyour account is ready.");

        HttpResponse<String> response = client.get("/dev/inbox.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        List<JsonNode> messages = JSON.readTree(response.body()).valueStream().toList();
        int email = indexOf(messages, address);
        int sms = indexOf(messages, phone);
        assertThat(email).isLessThan(sms);

        JsonNode emailMessage = messages.get(email);
        assertThat(emailMessage.propertyNames()).containsExactly("channel", "to", "subject", "body", "sentAt");
        assertThat(emailMessage.get("channel").asString()).isEqualTo("email");
        assertThat(emailMessage.get("subject").asString()).isEqualTo("Welcome to Bastion");
        assertThat(emailMessage.get("body").asString()).isEqualTo("Hello,\nyour account is ready.");
        assertThat(Instant.parse(emailMessage.get("sentAt").asString())).isAfterOrEqualTo(before.minusSeconds(1));

        JsonNode smsMessage = messages.get(sms);
        assertThat(smsMessage.get("channel").asString()).isEqualTo("sms");
        assertThat(smsMessage.get("subject").isNull()).isTrue();
        assertThat(smsMessage.get("body").asString()).isEqualTo("Your Bastion code is 123456");
    }

    @Test
    void theJsonInboxCanBeFilteredByRecipient() {
        String phone = randomPhone();
        notifications.sendSms(phone, "first");
        notifications.sendSms(phone, "second");
        notifications.sendSms(randomPhone(), "someone else's");

        HttpResponse<String> response = client.get("/dev/inbox.json?to=" + phone.replace("+", "%2B"));

        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> messages = JSON.readTree(response.body()).valueStream().toList();
        assertThat(messages).extracting(m -> m.get("body").asString()).containsExactly("second", "first");
        assertThat(messages).allSatisfy(m -> assertThat(m.get("to").asString()).isEqualTo(phone));
    }

    @Test
    void anOverlongRecipientFilterIsABadRequest() {
        HttpResponse<String> response = client.get("/dev/inbox.json?to=" + "a".repeat(300));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/invalid-parameter");
    }

    @Test
    void theInboxPageListsSentMessagesWithEscapedContent() {
        String address = "page-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.com";
        notifications.sendEmail(address, "Your <b>code</b>", "Code: 654321");

        HttpResponse<String> response = client.get("/dev/inbox");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains(address).contains("Code: 654321")
                .contains("Your &lt;b&gt;code&lt;/b&gt;").contains("/css/bastion.css")
                .doesNotContain("<script").doesNotContain("style=");
    }

    @Test
    void theStylesheetIsServed() {
        HttpResponse<String> response = client.get("/css/bastion.css");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void invalidPhoneNumbersAreRejected() {
        for (String phone : List.of("07700900123", "+0447700900123", "+44 7700 900123", "+123", "+1234567890123456", "")) {
            assertThatThrownBy(() -> notifications.sendSms(phone, "code")).as(phone)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("E.164");
        }
    }

    @Test
    void invalidEmailAddressesAreRejected() {
        for (String address : List.of("plain", "a@b", "a b@example.com", "a@example.com\r\nBcc: x@evil.example",
                "@example.com", "a@-example.com", "x".repeat(65) + "@example.com", "a@" + "b".repeat(250) + ".com")) {
            assertThatThrownBy(() -> notifications.sendEmail(address, "subject", "body")).as(address)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-mail address");
        }
    }

    @Test
    void subjectsWithLineBreaksAndOverlongBodiesAreRejectedWithoutEchoingThem() {
        assertThatThrownBy(() -> notifications.sendEmail("a@example.com", "Hi\r\nBcc: x@evil.example", "body"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single line")
                .hasMessageNotContaining("evil");
        assertThatThrownBy(() -> notifications.sendSms("+447700900123", "9".repeat(SmsMessage.BODY_LENGTH_MAX + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1600")
                .hasMessageNotContaining("9999");
        assertThatThrownBy(() -> notifications.sendSms("+447700900123", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void messagesNeverShowTheirBodyOrFullRecipientWhenPrinted() {
        SmsMessage sms = new SmsMessage("+447700900123", "code 123456");
        EmailMessage email = new EmailMessage("jane.doe@example.com", "Your code", "code 123456");

        assertThat(sms.toString()).doesNotContain("123456").doesNotContain("7700900").contains("123");
        assertThat(sms.maskedTo()).isEqualTo("+*********123");
        assertThat(email.toString()).doesNotContain("123456").doesNotContain("jane.doe");
        assertThat(email.maskedTo()).isEqualTo("j***@example.com");
    }

    private static int indexOf(List<JsonNode> messages, String recipient) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).get("to").asString().equals(recipient)) {
                return i;
            }
        }
        throw new AssertionError("no message to " + recipient + " in the inbox");
    }

    private static String randomPhone() {
        return "+4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }
}
