package io.bastion.issuing;

import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The issuer's checks that need no database, in the order a decline names the first one that fails: the
 * card's status and expiry, the merchant data, the currency and amount, then the cardholder's controls.
 * CVV2, 3-D Secure, the daily limit and funds come after these, in {@link Issuing}.
 */
final class AuthorizationRules {

    static final int MERCHANT_NAME_LENGTH_MAX = 100;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern MCC = Pattern.compile("[0-9]{4}");

    private AuthorizationRules() {
    }

    static DeclineReason first(Card card, AuthorizationRequest request, YearMonth thisMonth) {
        if (card.status() == CardStatus.CLOSED) {
            return DeclineReason.CARD_CLOSED;
        }
        if (card.status() == CardStatus.FROZEN) {
            return DeclineReason.CARD_FROZEN;
        }
        if (card.expiry().isBefore(thisMonth)) {
            return DeclineReason.EXPIRED_CARD;
        }
        if (request.expiry().isPresent()
                && !YearMonth.of(request.expiry().get().year(), request.expiry().get().month()).equals(card.expiry())) {
            return DeclineReason.EXPIRY_MISMATCH;
        }
        if (!merchantValid(request)) {
            return DeclineReason.MERCHANT_DATA_MUST_BE_VALID;
        }
        if (!card.currency().equals(request.currency())) {
            return DeclineReason.CURRENCY_NOT_SUPPORTED;
        }
        if (request.amountMinor() <= 0) {
            return DeclineReason.AMOUNT_MUST_BE_POSITIVE;
        }
        return controls(card.controls(), request.online(), request.merchantCountry(), request.mcc(), request.amountMinor());
    }

    /**
     * The cardholder's controls for a purchase: online payments, the merchant's country (alpha-2), the merchant
     * category and the per-transaction limit; null when they allow it. 3-D Secure asks the same question.
     */
    static DeclineReason controls(CardControls controls, boolean online, String merchantCountry, String mcc,
                                  long amountMinor) {
        if (online && !controls.onlineEnabled()) {
            return DeclineReason.ONLINE_PAYMENTS_DISABLED;
        }
        if (!controls.allowsCountry(merchantCountry)) {
            return DeclineReason.COUNTRY_NOT_ALLOWED;
        }
        if (controls.blocksMcc(mcc)) {
            return DeclineReason.MERCHANT_CATEGORY_BLOCKED;
        }
        if (amountMinor > controls.transactionLimitMinor()) {
            return DeclineReason.EXCEEDS_TRANSACTION_LIMIT;
        }
        return null;
    }

    static boolean merchantValid(AuthorizationRequest request) {
        return request.merchantName() != null && !request.merchantName().isBlank()
                && request.merchantName().length() <= MERCHANT_NAME_LENGTH_MAX
                && request.merchantCountry() != null && COUNTRY.matcher(request.merchantCountry()).matches()
                && request.mcc() != null && MCC.matcher(request.mcc()).matches()
                && request.currency() != null;
    }
}
