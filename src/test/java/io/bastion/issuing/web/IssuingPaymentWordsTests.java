package io.bastion.issuing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.issuing.Authorization;
import io.bastion.issuing.AuthorizationStatus;
import io.bastion.issuing.DeclineReason;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The card payments page says in words how 3-D Secure verified each payment and what became of it. */
class IssuingPaymentWordsTests {

    @Test
    void eachThreeDSecureOutcomeHasItsOwnWords() {
        assertThat(words("Y", "challenge", AuthorizationStatus.APPROVED, null))
                .isEqualTo("Verified with a code sent to your phone");
        assertThat(words("Y", "frictionless", AuthorizationStatus.CAPTURED, null))
                .isEqualTo("Verified automatically (low risk)");
        assertThat(words("Y", "frictionless", AuthorizationStatus.DECLINED, DeclineReason.AUTHENTICATION_FAILED))
                .isEqualTo("Verification could not be confirmed");
        assertThat(words("N", "challenge", AuthorizationStatus.DECLINED, DeclineReason.AUTHENTICATION_FAILED))
                .isEqualTo("Not verified");
        assertThat(words(null, null, AuthorizationStatus.DECLINED, DeclineReason.AUTHENTICATION_REQUIRED))
                .isEqualTo("Not verified");
        assertThat(CardPaymentsController.verification(payment(null, null, AuthorizationStatus.APPROVED, null, false, 0, 0)))
                .isEqualTo("Not needed (in person)");
    }

    @Test
    void capturesAndRefundsAreNamedWithTheirAmounts() {
        assertThat(CardPaymentsController.status(payment("Y", "challenge", AuthorizationStatus.CAPTURED, null, true, 1_000, 0)))
                .isEqualTo("Paid");
        assertThat(CardPaymentsController.status(payment("Y", "challenge", AuthorizationStatus.CAPTURED, null, true, 800, 0)))
                .isEqualTo("Paid 8.00");
        assertThat(CardPaymentsController.status(payment("Y", "challenge", AuthorizationStatus.CAPTURED, null, true, 800, 300)))
                .isEqualTo("Partly refunded (3.00)");
        assertThat(CardPaymentsController.status(payment("Y", "challenge", AuthorizationStatus.CAPTURED, null, true, 800, 800)))
                .isEqualTo("Refunded");
        assertThat(CardPaymentsController.status(payment(null, null, AuthorizationStatus.REVERSED, null, false, 0, 0)))
                .isEqualTo("Cancelled");
    }

    private static String words(String transStatus, String flow, AuthorizationStatus status, DeclineReason reason) {
        return CardPaymentsController.verification(payment(transStatus, flow, status, reason, true, 0, 0));
    }

    private static Authorization payment(String transStatus, String flow, AuthorizationStatus status, DeclineReason reason,
                                         boolean online, long capturedMinor, long refundedMinor) {
        return new Authorization("auth_1", "card_1", "499999******1234", status, reason, 1_000, "EUR", "Web Shop", "GB",
                "5999", online, null, LocalDate.of(2026, 11, 21), capturedMinor, Instant.parse("2026-11-21T12:00:00Z"),
                transStatus, transStatus == null ? null : "05", flow, false, refundedMinor);
    }
}
