package io.bastion.issuing;

import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The issuer's checks that need no database, in the order a decline names the first one that fails: the
 * card's status and expiry, the merchant data, the currency and amount, then the cardholder's controls and
 * 3-D Secure. CVV2, the daily limit and funds come after these, in {@link Issuing}.
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
        return controls(card.controls(), request);
    }

    private static DeclineReason controls(CardControls controls, AuthorizationRequest request) {
        if (request.online() && !controls.onlineEnabled()) {
            return DeclineReason.ONLINE_PAYMENTS_DISABLED;
        }
        if (!controls.allowsCountry(request.merchantCountry())) {
            return DeclineReason.COUNTRY_NOT_ALLOWED;
        }
        if (controls.blocksMcc(request.mcc())) {
            return DeclineReason.MERCHANT_CATEGORY_BLOCKED;
        }
        if (request.amountMinor() > controls.transactionLimitMinor()) {
            return DeclineReason.EXCEEDS_TRANSACTION_LIMIT;
        }
        if (request.online() && !request.threeDs().map(ThreeDsResult::satisfiesOnlineRule).orElse(false)) {
            return DeclineReason.AUTHENTICATION_REQUIRED;
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
