package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.ThreeDsOutcome;
import java.time.Instant;
import java.util.Locale;

/**
 * A payment as the merchant dashboard shows it: amounts as text, the card masked to brand and last four
 * digits, and the 3-D Secure result in words; the moment it was created stays an instant for the page to
 * write (PageTimes). Built from the intent; it never holds more card data.
 */
record MerchantPaymentView(String id, Instant created, String amount, String status, String card, String threeDs,
                           String transStatus, String flow, String eci, String liabilityShift, String reference,
                           String description, String captured, String refunded, String refundable, String fee,
                           String declineReason, boolean canCapture, boolean canCancel, boolean canRefund,
                           String amountPlain, String refundablePlain, String currency) {

    static MerchantPaymentView of(PaymentIntent i) {
        ThreeDsOutcome t = i.threeDs() == null ? ThreeDsOutcome.NONE : i.threeDs();
        long refundable = i.amountCaptured() - i.amountRefunded();
        return new MerchantPaymentView(i.id(), i.createdAt(), MerchantMoney.format(i.amount(), i.currency()),
                i.status().wire(), card(i), threeDsShort(t), transStatus(t.transStatus()), orDash(t.flow()), orDash(t.eci()),
                t.attempted() ? (t.liabilityShift() ? "yes" : "no") : "—", orDash(i.merchantReference()),
                orDash(i.description()), MerchantMoney.format(i.amountCaptured(), i.currency()),
                MerchantMoney.format(i.amountRefunded(), i.currency()), MerchantMoney.format(refundable, i.currency()),
                MerchantMoney.format(i.feeAmount(), i.currency()), orDash(i.declineReason()),
                i.status() == PaymentStatus.REQUIRES_CAPTURE, i.status().canMoveTo(PaymentStatus.CANCELED),
                i.status() == PaymentStatus.SUCCEEDED && refundable > 0, MerchantMoney.plain(i.amount(), i.currency()),
                MerchantMoney.plain(Math.max(refundable, 0), i.currency()), i.currency());
    }

    /** {@code Visa •••• 4242}, or a dash before a card was given. */
    static String card(PaymentIntent i) {
        if (i.cardLast4() == null) {
            return "—";
        }
        String brand = i.cardBrand() == null ? "Card" : i.cardBrand().substring(0, 1).toUpperCase(Locale.ROOT)
                + i.cardBrand().substring(1);
        return brand + " •••• " + i.cardLast4();
    }

    private static String threeDsShort(ThreeDsOutcome t) {
        if (!t.attempted()) {
            return "—";
        }
        return orDash(t.flow()) + ", " + (t.liabilityShift() ? "liability shifted" : "no liability shift");
    }

    /** The ACS's transStatus in words (EMV 3-D Secure 2.2, table A.4 values). */
    static String transStatus(String code) {
        if (code == null) {
            return "—";
        }
        String words = switch (code) {
            case "Y" -> "authenticated";
            case "A" -> "attempted (proof of an authentication attempt)";
            case "N" -> "not authenticated";
            case "U" -> "authentication could not be performed";
            case "C" -> "challenge required";
            case "R" -> "rejected by the issuer";
            default -> "unknown";
        };
        return words + " (" + code + ")";
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
