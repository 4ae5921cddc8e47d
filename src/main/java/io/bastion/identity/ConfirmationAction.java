package io.bastion.identity;

import io.bastion.shared.MoneyText;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sensitive action a user must confirm with a second factor. Its canonical encoding is what a
 * confirmation is bound to: any change to any field gives a different encoding, hence another digest.
 */
public sealed interface ConfirmationAction extends Serializable {

    int LABEL_LENGTH_MAX = 100;
    int ID_LENGTH_MAX = 100;
    int SETTING_LENGTH_MAX = 400;
    int CIDRS_MAX = 10;
    Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    /** What kind of action, as stored beside the confirmation. */
    enum Kind {
        PAYMENT, ADD_PAYEE, CREATE_API_KEY, ROTATE_API_KEY, CHANGE_SECURITY_SETTING, REFUND_PAYMENT, MERCHANT_PAYOUT
    }

    /** Whether a business key works with live or test money; the secret's prefix says which. */
    enum Mode {
        LIVE("sk_live_"), TEST("sk_test_");

        private final String prefix;

        Mode(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    Kind kind();

    /** What the user is shown, and what an SMS code message carries (dynamic linking). */
    String summary();

    /** The fields, unambiguously joined: each is length-prefixed so no two actions encode alike. */
    String canonical();

    /** Sending money: the confirmation is bound to the amount, the currency and the payee. */
    record Payment(long amountMinor, String currency, String payeeId, String payeeLabel) implements ConfirmationAction {

        public Payment {
            requireAmount(amountMinor, currency);
            requireText(payeeId, "payeeId", ID_LENGTH_MAX);
            requireText(payeeLabel, "payeeLabel", LABEL_LENGTH_MAX);
        }

        @Override
        public Kind kind() {
            return Kind.PAYMENT;
        }

        @Override
        public String summary() {
            return "Pay " + formatted() + " to " + payeeLabel + " (" + payeeId + ")";
        }

        /** The amount as people write it, from minor units and the currency's decimals; never a float. */
        public String formatted() {
            return formatMinor(amountMinor, currency);
        }

        @Override
        public String canonical() {
            return encode(kind().name(), Long.toString(amountMinor), currency, payeeId, payeeLabel);
        }
    }

    /** Adding a payee to the user's trusted list. */
    record AddPayee(String payeeId, String label) implements ConfirmationAction {

        public AddPayee {
            requireText(payeeId, "payeeId", ID_LENGTH_MAX);
            requireText(label, "label", LABEL_LENGTH_MAX);
        }

        @Override
        public Kind kind() {
            return Kind.ADD_PAYEE;
        }

        @Override
        public String summary() {
            return "Trust payee " + label + " (" + payeeId + "): payments to them may skip confirmation";
        }

        @Override
        public String canonical() {
            return encode(kind().name(), payeeId, label);
        }
    }

    /** Creating a business API key; its restrictions are part of what is confirmed. */
    record CreateApiKey(String businessId, String name, Set<ApiScope> scopes, Mode mode, List<String> allowedCidrs,
                        Instant expiresAt) implements ConfirmationAction {

        public CreateApiKey {
            requireText(businessId, "businessId", ID_LENGTH_MAX);
            requireText(name, "name", LABEL_LENGTH_MAX);
            Objects.requireNonNull(mode, "mode");
            if (scopes == null || scopes.isEmpty()) {
                throw new IllegalArgumentException("a key needs at least one scope");
            }
            scopes = Set.copyOf(scopes);
            allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
            if (allowedCidrs.size() > CIDRS_MAX) {
                throw new IllegalArgumentException("at most " + CIDRS_MAX + " address blocks");
            }
        }

        @Override
        public Kind kind() {
            return Kind.CREATE_API_KEY;
        }

        @Override
        public String summary() {
            return "Create " + mode.name().toLowerCase(Locale.ROOT) + " API key \"" + name + "\" with scopes "
                    + String.join(" ", scopes.stream().map(ApiScope::value).sorted().toList())
                    + (allowedCidrs.isEmpty() ? "" : ", usable only from " + String.join(" ", allowedCidrs))
                    + (expiresAt == null ? "" : ", expiring " + expiresAt);
        }

        @Override
        public String canonical() {
            return encode(kind().name(), businessId, name, String.join(" ", scopes.stream().map(ApiScope::value).sorted().toList()),
                    mode.name(), String.join(" ", allowedCidrs), expiresAt == null ? "" : expiresAt.toString());
        }
    }

    /** Rotating a business API key: a new secret is issued while the old one works for an overlap period. */
    record RotateApiKey(String businessId, String keyId) implements ConfirmationAction {

        public RotateApiKey {
            requireText(businessId, "businessId", ID_LENGTH_MAX);
            requireText(keyId, "keyId", ID_LENGTH_MAX);
        }

        @Override
        public Kind kind() {
            return Kind.ROTATE_API_KEY;
        }

        @Override
        public String summary() {
            return "Rotate API key " + keyId + ": a new secret is issued";
        }

        @Override
        public String canonical() {
            return encode(kind().name(), businessId, keyId);
        }
    }

    /**
     * Refunding (part of) a card payment a business received: the confirmation is bound to the business, the
     * payment, the amount and the currency, and the summary names all of them.
     */
    record RefundPayment(String businessId, String paymentIntentId, long amountMinor, String currency)
            implements ConfirmationAction {

        public RefundPayment {
            requireText(businessId, "businessId", ID_LENGTH_MAX);
            requireText(paymentIntentId, "paymentIntentId", ID_LENGTH_MAX);
            requireAmount(amountMinor, currency);
        }

        @Override
        public Kind kind() {
            return Kind.REFUND_PAYMENT;
        }

        @Override
        public String summary() {
            return "Refund " + formatMinor(amountMinor, currency) + " of payment " + paymentIntentId + " to the cardholder";
        }

        @Override
        public String canonical() {
            return encode(kind().name(), businessId, paymentIntentId, Long.toString(amountMinor), currency);
        }
    }

    /**
     * Paying out part of a business's merchant balance: the confirmation is bound to the business, the payout's
     * id (so the same confirmation can never pay out twice), the amount and the currency.
     */
    record MerchantPayout(String businessId, String payoutId, long amountMinor, String currency)
            implements ConfirmationAction {

        public MerchantPayout {
            requireText(businessId, "businessId", ID_LENGTH_MAX);
            requireText(payoutId, "payoutId", ID_LENGTH_MAX);
            requireAmount(amountMinor, currency);
        }

        @Override
        public Kind kind() {
            return Kind.MERCHANT_PAYOUT;
        }

        @Override
        public String summary() {
            return "Pay out " + formatMinor(amountMinor, currency) + " from the merchant balance (payout " + payoutId + ")";
        }

        @Override
        public String canonical() {
            return encode(kind().name(), businessId, payoutId, Long.toString(amountMinor), currency);
        }
    }

    /** Changing a security setting, described by the caller in words the user understands. */
    record ChangeSecuritySetting(String setting) implements ConfirmationAction {

        public ChangeSecuritySetting {
            requireText(setting, "setting", SETTING_LENGTH_MAX);
        }

        @Override
        public Kind kind() {
            return Kind.CHANGE_SECURITY_SETTING;
        }

        @Override
        public String summary() {
            return "Change a security setting: " + setting;
        }

        @Override
        public String canonical() {
            return encode(kind().name(), setting);
        }
    }

    /** A positive amount in minor units of a currency named by its ISO 4217 code. */
    private static void requireAmount(long amountMinor, String currency) {
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code");
        }
    }

    private static void requireText(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + " must have 1 to " + max + " characters");
        }
    }

    /** An amount as people write it, e.g. {@code EUR 12.34}, from minor units and the currency's decimals. */
    private static String formatMinor(long amountMinor, String currency) {
        try {
            return currency + " " + MoneyText.plain(amountMinor, currency);
        } catch (IllegalArgumentException unknown) {
            return currency + " " + amountMinor + " (minor units)";
        }
    }

    /** The currency's decimals (2 for an unknown code), for turning minor units into text and back. */
    static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }

    private static String encode(String... fields) {
        StringBuilder out = new StringBuilder();
        for (String field : fields) {
            out.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(';');
        }
        return out.toString();
    }
}
