package io.bastion.acquiring;

import io.bastion.shared.MoneyText;
import io.bastion.threeds.ARes;
import io.bastion.threeds.AccountToken;
import io.bastion.threeds.Erro;
import io.bastion.threeds.ParseResult;
import io.bastion.threeds.ThreeDsServer;
import io.bastion.vault.CardToken;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The merchant side of 3-D Secure for one payment: builds the purchase for Bastion's 3DS Server and reads
 * the ARes as a {@link Step}. A card whose range no ACS serves is not enrolled; any other failure of the
 * 3-D Secure systems leaves the payment unauthenticated (status U), so the issuer decides and liability
 * stays with the merchant. Nothing here ever counts as authenticated without an ARes that says Y.
 */
@Component
final class PaymentAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentAuthentication.class);

    static final String FLOW_FRICTIONLESS = "frictionless";
    static final String FLOW_CHALLENGE = "challenge";
    static final String FLOW_NOT_ENROLLED = "not_enrolled";
    private static final String VISA_AUTHENTICATED = "05";
    private static final String MASTERCARD_AUTHENTICATED = "02";

    /** The longest merchant name an AReq carries. */
    static final int MERCHANT_NAME_MAX = 40;

    private final ThreeDsServer server;
    private final Merchants merchants;

    PaymentAuthentication(ThreeDsServer server, Merchants merchants) {
        this.server = Objects.requireNonNull(server, "server");
        this.merchants = Objects.requireNonNull(merchants, "merchants");
    }

    /** What 3-D Secure said about a payment. */
    sealed interface Step {
        /** The outcome to record on the intent. */
        ThreeDsOutcome outcome();
    }

    /** Authenticated without a challenge; the authentication goes with the authorization. */
    record Frictionless(ThreeDsOutcome outcome, NetworkAuthorization.Authentication authentication) implements Step {
    }

    /** The ACS wants a challenge at {@code acsTransID}; the payment waits for the RReq. */
    record Challenge(ThreeDsOutcome outcome, String acsTransID) implements Step {
    }

    /** The ACS refused (N or R): the payment fails without reaching the network. */
    record Refused(ThreeDsOutcome outcome, String reason) implements Step {
    }

    /** Not enrolled or 3-D Secure unavailable: the authorization goes without authentication. */
    record Unauthenticated(ThreeDsOutcome outcome) implements Step {
    }

    Step authenticate(PaymentIntent intent, CardToken token, NetworkAuthorization.Merchant merchant, String deviceId,
                      String notificationUrl) {
        ThreeDsServer.Purchase purchase = new ThreeDsServer.Purchase(new AccountToken(token.value()), intent.amount(),
                MoneyText.numericCode(intent.currency()), MoneyText.digits(intent.currency()), merchant.id(),
                merchant.name().substring(0, Math.min(MERCHANT_NAME_MAX, merchant.name().length())), merchant.mcc(),
                merchants.countryNumeric(), deviceId, notificationUrl);
        ParseResult<ARes> answer;
        try {
            answer = server.authenticate(purchase);
        } catch (RuntimeException e) {
            LOG.warn("3-D Secure could not be asked for {}", intent.id(), e);
            return new Unauthenticated(ThreeDsOutcome.of("U", null, null, false));
        }
        if (answer instanceof ParseResult.Refused<ARes>(Erro error)) {
            boolean notEnrolled = Erro.CARD_RANGE_NOT_PARTICIPATING.equals(error.errorDescription());
            return new Unauthenticated(new ThreeDsOutcome(notEnrolled ? null : "U",
                    notEnrolled ? FLOW_NOT_ENROLLED : null, null, false, error.threeDSServerTransID(), null, null));
        }
        ARes ares = ((ParseResult.Valid<ARes>) answer).message();
        return switch (ares.transStatus()) {
            case "Y" -> new Frictionless(outcome(ares, FLOW_FRICTIONLESS), new NetworkAuthorization.Authentication("Y",
                    ares.eci(), ares.dsTransID(), ares.authenticationValue(), token.value(), FLOW_FRICTIONLESS));
            case "C" -> new Challenge(outcome(ares, FLOW_CHALLENGE), ares.acsTransID());
            case "N", "R" -> new Refused(outcome(ares, null), ares.transStatusReason());
            default -> new Unauthenticated(outcome(ares, null));
        };
    }

    private static ThreeDsOutcome outcome(ARes ares, String flow) {
        return new ThreeDsOutcome(ares.transStatus(), flow, ares.eci(), liabilityShift(ares.transStatus(), ares.eci()),
                ares.threeDSServerTransID(), ares.dsTransID(), ares.acsTransID());
    }

    /** Liability moves to the issuer for a fully authenticated payment (Visa ECI 05, Mastercard 02). */
    static boolean liabilityShift(String transStatus, String eci) {
        return "Y".equals(transStatus) && (VISA_AUTHENTICATED.equals(eci) || MASTERCARD_AUTHENTICATED.equals(eci));
    }
}
