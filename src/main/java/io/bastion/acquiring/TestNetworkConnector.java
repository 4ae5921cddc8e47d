package io.bastion.acquiring;

import io.bastion.acquiring.NetworkResult.DeclineReason;
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

    @Override
    public String name() {
        return "test";
    }

    @Override
    public NetworkResult authorize(String reference, NetworkCard card, long amount, String currency) {
        TestCard test = TestCard.byNumber(card.number().value()).orElse(null);
        if (test == null) {
            return new NetworkResult.Declined(DeclineReason.DO_NOT_HONOR);
        }
        if (authorizations.size() >= AUTHORIZATIONS_REMEMBERED_MAX) {
            authorizations.clear();
        }
        authorizations.put(reference, test);
        return switch (test.behaviour()) {
            case APPROVE -> new NetworkResult.Approved("tn_" + reference);
            case DECLINE -> new NetworkResult.Declined(test.reason());
            case CHALLENGE -> new NetworkResult.RequiresChallenge();
            // One timeout card answers Unknown, the other throws like a dropped connection: both paths stay tested.
            case TIMEOUT -> {
                if (test == TestCard.TIMEOUT_DECLINED) {
                    throw new java.io.UncheckedIOException(new java.net.SocketTimeoutException("test network timeout"));
                }
                yield new NetworkResult.Unknown("test network timeout");
            }
        };
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
                    : new NetworkResult.RequiresChallenge();
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
