package io.bastion.acquiring;

import io.bastion.acquiring.NetworkResult.DeclineReason;
import io.bastion.issuing.Authorization;
import io.bastion.issuing.AuthorizationRequest;
import io.bastion.issuing.AuthorizationResult;
import io.bastion.issuing.HoldOutcome;
import io.bastion.issuing.Issuing;
import io.bastion.issuing.ThreeDsResult;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * On-us: Bastion's own cards are authorized by Bastion's issuer without leaving the building. The issuer
 * finds its card by the payment's vault token (so the card number is never detokenized for it), checks
 * expiry, CVV2, controls, the 3-D Secure authentication value, limits and funds, and holds the money on
 * the cardholder's wallet; captures, reversals and refunds go to the same authorization.
 */
@Component
final class OnUsConnector implements CardNetworkConnector {

    static final String NAME = "onus";

    private final Issuing issuing;

    OnUsConnector(Issuing issuing) {
        this.issuing = Objects.requireNonNull(issuing, "issuing");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsCardNumber() {
        return false;
    }

    /** The issuer's writes go to Bastion's own database, ahead of acquiring's last synchronous commit. */
    @Override
    public boolean leavesBastion() {
        return false;
    }

    @Override
    public NetworkResult authorize(NetworkAuthorization request) {
        NetworkCard card = request.card();
        NetworkAuthorization.Authentication a = request.authentication();
        ThreeDsResult threeDs = a == null ? null : new ThreeDsResult(a.transStatus(), a.eci(), a.dsTransID(),
                a.authenticationValue(), a.accountToken(), request.merchant().id(), a.flow());
        Optional<Cvv> cvv = Optional.ofNullable(card.cvv()).map(s -> Cvv.of(s.value()));
        AuthorizationRequest authorization = new AuthorizationRequest(request.reference(), null, new CardToken(card.token()),
                Optional.of(new Expiry(card.expiryMonth(), card.expiryYear())), cvv, request.amount(), request.currency(),
                request.merchant().name(), request.merchant().country(), request.merchant().mcc(), true,
                Optional.ofNullable(threeDs));
        // Acquiring's move of the intent after this answer is a synchronous commit, before anything leaves Bastion.
        return answer(issuing.authorizeCommittingLater(authorization));
    }

    private static NetworkResult answer(AuthorizationResult result) {
        if (result.approved()) {
            return new NetworkResult.Approved(result.holdTransferId() == null ? result.authorizationId() : result.holdTransferId());
        }
        return new NetworkResult.Declined(reason(result.declineReason()));
    }

    /** The issuer's rule, as the decline reasons merchants know. */
    static DeclineReason reason(io.bastion.issuing.DeclineReason reason) {
        return switch (reason) {
            case INSUFFICIENT_FUNDS -> DeclineReason.INSUFFICIENT_FUNDS;
            case EXPIRED_CARD -> DeclineReason.EXPIRED_CARD;
            case CVV_MISMATCH -> DeclineReason.INCORRECT_CVC;
            case EXCEEDS_TRANSACTION_LIMIT, EXCEEDS_DAILY_LIMIT -> DeclineReason.LIMIT_EXCEEDED;
            case AUTHENTICATION_REQUIRED -> DeclineReason.AUTHENTICATION_REQUIRED;
            case AUTHENTICATION_FAILED -> DeclineReason.AUTHENTICATION_FAILED;
            case CURRENCY_NOT_SUPPORTED -> DeclineReason.CARD_NOT_SUPPORTED;
            case AUTHORIZATION_ID_REUSED, ISSUER_UNAVAILABLE, MERCHANT_DATA_MUST_BE_VALID, AMOUNT_MUST_BE_POSITIVE ->
                    DeclineReason.PROCESSING_ERROR;
            case CARD_NOT_FOUND, CARD_FROZEN, CARD_CLOSED, EXPIRY_MISMATCH, ONLINE_PAYMENTS_DISABLED, COUNTRY_NOT_ALLOWED,
                 MERCHANT_CATEGORY_BLOCKED -> DeclineReason.DO_NOT_HONOR;
        };
    }

    @Override
    public NetworkResult status(String reference) {
        Optional<Authorization> found = issuing.authorization(reference);
        if (found.isEmpty()) {
            // The issuer never recorded it, so it never approved it.
            return new NetworkResult.Declined(DeclineReason.PROCESSING_ERROR);
        }
        return switch (found.get().status()) {
            case PENDING -> new NetworkResult.Unknown("issuer still deciding");
            case DECLINED -> new NetworkResult.Declined(reason(found.get().declineReason()));
            default -> new NetworkResult.Approved(found.get().holdTransferId() == null ? reference : found.get().holdTransferId());
        };
    }

    /** Captures at the issuer: the cardholder's hold is posted (acquiring's capture chain nets the two sides). */
    @Override
    public NetworkResult capture(String reference, long amount, String currency) {
        return followUp(reference, issuing.capture(reference, amount), HoldOutcome.CAPTURED);
    }

    @Override
    public NetworkResult reverse(String reference) {
        return followUp(reference, issuing.reverse(reference), HoldOutcome.REVERSED);
    }

    /** Refunds at the issuer, to the cardholder's wallet (acquiring's refund chain nets the two sides back). */
    @Override
    public NetworkResult refund(String reference, String refundReference, long amount, String currency) {
        return followUp(refundReference, issuing.refund(reference, refundReference, amount), HoldOutcome.REFUNDED);
    }

    @Override
    public Optional<String> issuerSettlementAccount(String currency) {
        return Optional.of(Issuing.settlementAccount(currency));
    }

    private static NetworkResult followUp(String reference, HoldOutcome outcome, HoldOutcome done) {
        return outcome == done ? new NetworkResult.Approved(reference) : new NetworkResult.Declined(DeclineReason.PROCESSING_ERROR);
    }
}
