package io.bastion.wallet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;

/**
 * Fuzzes the bank-file reader: whatever bytes arrive, it either reads them or refuses them with
 * {@link MalformedBankFile}; any other exception or error fails. Plain test runs replay the seed corpus
 * in CamtReaderFuzzTestsInputs; JAZZER_FUZZ=1 fuzzes.
 */
class CamtReaderFuzzTests {

    @FuzzTest(maxDuration = "60s")
    void neverThrowsAnythingButMalformedBankFile(byte[] input) {
        try {
            CamtReader.read(input, CamtSamples.SAFEGUARDING_IBAN, Set.of("EUR"));
        } catch (MalformedBankFile expected) {
            // A refusal with a line and a reason is the only allowed failure.
        }
    }
}
