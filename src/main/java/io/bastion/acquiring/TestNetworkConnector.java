package io.bastion.acquiring;

import io.bastion.acquiring.NetworkResult.DeclineReason;
import io.bastion.shared.MoneyText;
import io.bastion.threeds.AuthenticationValues;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A deterministic card network for development and tests: each {@link TestCard} always gets the same
 * answer. A timeout card answers {@link NetworkResult.Unknown} (timeout_approved) or throws (timeout_declined)
 * to authorize, and its fixed final answer to a later {@link #status} query, so the unknown-outcome job can be exercised. Cards outside the table in the
 * test range are declined (do_not_honor).
 */
@Component
public final class TestNetworkConnector implements CardNetworkConnector {

    /** The first BIN of the test network's range. */
    public static final String BIN_FROM = "400000";
    /** The last BIN of the test network's range. */
    public static final String BIN_TO = "429999";
    /** Authorizations remembered for status queries; the oldest are forgotten past this bound. */
    static final int AUTHORIZATIONS_REMEMBERED_MAX = 100_000;

    private final Map<String, TestCard> authorizations = new ConcurrentHashMap<>();
    private final AuthenticationValues values;

    TestNetworkConnector(AuthenticationValues values) {
        this.values = java.util.Objects.requireNonNull(values, "values");
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public NetworkResult authorize(NetworkAuthorization request) {
        TestCard test = TestCard.byNumber(request.card().number().value()).orElse(null);
        if (test == null) {
            return new NetworkResult.Declined(DeclineReason.DO_NOT_HONOR);
        }
        if (authorizations.size() >= AUTHORIZATIONS_REMEMBERED_MAX) {
            authorizations.clear();
        }
        NetworkResult.DeclineReason authentication = authentication(test, request);
        if (authentication != null) {
            return new NetworkResult.Declined(authentication);
        }
        authorizations.put(request.reference(), test);
        return switch (test.behaviour()) {
            case APPROVE, CHALLENGE -> new NetworkResult.Approved("tn_" + request.reference());
            case DECLINE -> new NetworkResult.Declined(test.reason());
            // One timeout card answers Unknown, the other throws like a dropped connection: both paths stay tested.
            case TIMEOUT -> {
                if (test == TestCard.TIMEOUT_DECLINED) {
                    throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("test network timeout"));
                }
                yield new NetworkResult.Unknown("test network timeout");
            }
        };
    }

    /**
     * The test issuer's 3-D Secure rule: a presented authentication value must verify (once, for exactly this
     * card token, amount, currency, merchant and dsTransID); the 3-D Secure test cards need one.
     */
    private NetworkResult.DeclineReason authentication(TestCard test, NetworkAuthorization request) {
        NetworkAuthorization.Authentication a = request.authentication();
        boolean presented = a != null && a.authenticationValue() != null;
        if (!presented) {
            return test.needsAuthentication() ? DeclineReason.AUTHENTICATION_REQUIRED : null;
        }
        AuthenticationValues.Verification verified = values.verify(a.accountToken(), request.amount(),
                MoneyText.numericCode(request.currency()), request.merchant().id(), a.dsTransID(), a.authenticationValue());
        return verified == AuthenticationValues.Verification.VALID && "Y".equals(a.transStatus())
                ? null : DeclineReason.AUTHENTICATION_FAILED;
    }

    @Override
    public NetworkResult status(String reference) {
        TestCard test = authorizations.get(reference);
        if (test == null) {
            return new NetworkResult.Unknown("no such authorization");
        }
        return switch (test) {
            case TIMEOUT_APPROVED -> new NetworkResult.Approved("tn_" + reference);
            case TIMEOUT_DECLINED -> new NetworkResult.Declined(test.reason());
            default -> test.behaviour() == TestCard.Behaviour.APPROVE ? new NetworkResult.Approved("tn_" + reference)
                    : test.behaviour() == TestCard.Behaviour.DECLINE ? new NetworkResult.Declined(test.reason())
                    : new NetworkResult.Approved("tn_" + reference);
        };
    }

    @Override
    public NetworkResult capture(String reference, long amount, String currency) {
        return new NetworkResult.Approved("tn_" + reference);
    }

    @Override
    public NetworkResult reverse(String reference) {
        return new NetworkResult.Approved("tn_" + reference);
    }

    @Override
    public NetworkResult refund(String reference, String refundReference, long amount, String currency) {
        return new NetworkResult.Approved("tn_" + refundReference);
    }
}
