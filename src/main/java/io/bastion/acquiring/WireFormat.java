package io.bastion.acquiring;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of intents and refunds as merchants see them (snake_case field names), shared by the API
 * and the webhook payloads so both always say the same thing.
 */
public final class WireFormat {

    private WireFormat() {
    }

    /** The intent as an ordered map of its snake_case fields. */
    public static Map<String, Object> intent(PaymentIntent i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("object", "payment_intent");
        m.put("amount", i.amount());
        m.put("currency", i.currency());
        m.put("status", i.status().wire());
        m.put("capture_method", i.captureMethod().name().toLowerCase(Locale.ROOT));
        m.put("description", i.description());
        m.put("merchant_reference", i.merchantReference());
        m.put("customer_email", i.customerEmail());
        m.put("return_url", i.returnUrl());
        m.put("payment_method", i.paymentMethod());
        m.put("card_last4", i.cardLast4());
        m.put("card_brand", i.cardBrand());
        m.put("setup_future_usage", i.saveCardOffered() ? "off_session" : null);
        m.put("amount_captured", i.amountCaptured());
        m.put("amount_refunded", i.amountRefunded());
        m.put("application_fee_amount", i.feeAmount());
        m.put("decline_reason", i.declineReason());
        m.put("outcome_unknown", i.outcomeUnknown());
        m.put("three_d_secure", threeDs(i.threeDs()));
        m.put("created", i.createdAt().toString());
        return m;
    }

    private static Map<String, Object> threeDs(ThreeDsOutcome t) {
        if (t == null || !t.attempted()) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trans_status", t.transStatus());
        m.put("flow", t.flow());
        m.put("eci", t.eci());
        m.put("liability_shift", t.liabilityShift());
        m.put("three_ds_server_trans_id", t.threeDSServerTransID());
        m.put("ds_trans_id", t.dsTransID());
        return m;
    }

    /** The refund as an ordered map of its snake_case fields. */
    public static Map<String, Object> refund(Refund r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("object", "refund");
        m.put("payment_intent", r.paymentIntentId());
        m.put("amount", r.amount());
        m.put("currency", r.currency());
        m.put("status", r.status());
        m.put("reason", r.reason());
        m.put("created", r.createdAt().toString());
        return m;
    }
}
