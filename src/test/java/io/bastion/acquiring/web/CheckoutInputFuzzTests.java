package io.bastion.acquiring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bastion.vault.CardNumber;
import io.bastion.vault.Cvv;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Fuzzes what the hosted payment page takes from the outside: the four card fields a customer types and
 * the CRes an ACS posts back. Whatever arrives, the checks answer messages (never an exception), a form they
 * accept really parses, and no message repeats the typed number. Plain test runs replay the seed corpus in
 * CheckoutInputFuzzTestsInputs; JAZZER_FUZZ=1 fuzzes.
 */
class CheckoutInputFuzzTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "60s")
    void everyFieldIsCheckedAndNothingThrows(byte[] input) {
        String[] fields = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        String number = field(fields, 0);
        String expiry = field(fields, 1);
        String cvc = field(fields, 2);
        String name = field(fields, 3);
        Map<String, String> errors = CardEntry.check(number, expiry, cvc, name, CLOCK);
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.length() >= 6) {
            errors.values().forEach(message -> assertThat(message).doesNotContain(digits));
        }
        if (errors.isEmpty()) {
            assertThatCode(() -> {
                CardNumber.of(number);
                CardEntry.expiry(expiry);
                Cvv.of(cvc.strip());
            }).doesNotThrowAnyException();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aNotificationIsACResOrNothing(byte[] input) {
        String cres = new String(input, StandardCharsets.UTF_8);
        assertThatCode(() -> CheckoutController.decode(cres)).doesNotThrowAnyException();
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }
}
