package io.bastion.threeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the message reader: whatever bytes arrive, every message type yields a valid message or an Erro
 * value; any exception fails. Plain test runs replay the seed corpus in ThreeDsMessagesFuzzTestsInputs;
 * JAZZER_FUZZ=1 fuzzes.
 */
class ThreeDsMessagesFuzzTests {

    private static final List<Class<? extends ThreeDsMessage>> TYPES =
            List.of(AReq.class, ARes.class, CReq.class, CRes.class, RReq.class, RRes.class, Erro.class);

    @FuzzTest(maxDuration = "60s")
    void onlyValidMessagesOrErroNeverAnException(byte[] input) {
        String json = new String(input, StandardCharsets.UTF_8);
        for (Class<? extends ThreeDsMessage> type : TYPES) {
            ParseResult<? extends ThreeDsMessage> result = ThreeDsMessages.parse(json, type);
            if (result instanceof ParseResult.Valid<?> valid) {
                assertThat(valid.message()).isInstanceOf(type);
            } else {
                assertThat(((ParseResult.Refused<?>) result).error().errorCode()).matches("[0-9]{3}");
            }
        }
    }
}
