package io.bastion.platform;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class LogMaskingTests {

    @Test
    void masksCardNumbersWrittenWithOrWithoutSeparators() {
        assertThat(LogMasking.mask("card 4111111111111111 declined")).isEqualTo("card [PAN] declined");
        assertThat(LogMasking.mask("card 4111 1111 1111 1111 declined")).isEqualTo("card [PAN] declined");
        assertThat(LogMasking.mask("card 5500-0000-0000-0004.")).isEqualTo("card [PAN].");
        assertThat(LogMasking.mask("{\"pan\":\"378282246310005\"}")).isEqualTo("{\"pan\":\"[PAN]\"}");
    }

    @Test
    void leavesDigitRunsThatFailTheLuhnCheckAlone() {
        assertThat(LogMasking.mask("order 4111111111111112")).isEqualTo("order 4111111111111112");
        assertThat(LogMasking.mask("took 1234 ms")).isEqualTo("took 1234 ms");
    }

    @Test
    void masksKeysTokensAndSecretAssignments() {
        assertThat(LogMasking.mask("key sk_live_abcdefghijklmnop used")).isEqualTo("key [MASKED] used");
        assertThat(LogMasking.mask("key op_live_Zx9-_abcdefghijkl used")).isEqualTo("key [MASKED] used");
        assertThat(LogMasking.mask("Authorization: Bearer abc.def.ghijklmnop")).isEqualTo("Authorization: [MASKED]");
        assertThat(LogMasking.mask("secret whsec_c2VjcmV0c2VjcmV0")).isEqualTo("secret [MASKED]");
        assertThat(LogMasking.mask("password=hunter2hunter2&x=1")).isEqualTo("password=[MASKED]&x=1");
        assertThat(LogMasking.mask("{\"cvv\":\"123\"}")).isEqualTo("{\"cvv\":\"[MASKED]\"}");
    }

    @Test
    void masksRegisteredSecretsWhateverTheirShape() {
        LogMasking.registerSecret("correct-horse-battery-staple-42");
        assertThat(LogMasking.mask("boot with correct-horse-battery-staple-42!")).isEqualTo("boot with [MASKED]!");
    }

    @Property(tries = 300)
    void noLuhnValidCardNumberSurvivesMasking(@ForAll @NumericChars @StringLength(min = 12, max = 18) String body) {
        String pan = body + checkDigit(body);
        assertThat(LogMasking.luhnValid(pan)).isTrue();
        assertThat(LogMasking.mask("x " + pan + " y")).doesNotContain(pan);
    }

    private static int checkDigit(String body) {
        for (int d = 0; d <= 9; d++) {
            if (LogMasking.luhnValid(body + d)) {
                return d;
            }
        }
        throw new IllegalStateException("no check digit");
    }
}
