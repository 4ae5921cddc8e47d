package io.bastion.acquiring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Chooses the connector for a card by BIN range: Bastion's own cards (the issuer's BIN,
 * {@code bastion.issuing.bin}) go on-us to the issuing module, the test network's range to the test network.
 * A real acquirer is one more {@link CardNetworkConnector} and one more route here.
 */
@Component
public final class CardRouting {

    /** A BIN range (first six digits, inclusive) served by a connector. */
    public record Route(String fromBin, String toBin, CardNetworkConnector connector) {
        public Route {
            Objects.requireNonNull(connector, "connector");
        }

        boolean covers(String bin) {
            return bin.compareTo(fromBin) >= 0 && bin.compareTo(toBin) <= 0;
        }
    }

    private static final int BIN_DIGITS = 6;
    private final List<Route> routes;
    private final List<CardNetworkConnector> connectors;

    CardRouting(TestNetworkConnector testNetwork, OnUsConnector onUs,
                @Value("${bastion.issuing.bin:49999900}") String issuerBin) {
        String bin6 = issuerBin.substring(0, BIN_DIGITS);
        this.routes = List.of(new Route(bin6, bin6, onUs),
                new Route(TestNetworkConnector.BIN_FROM, TestNetworkConnector.BIN_TO, testNetwork));
        this.connectors = List.of(onUs, testNetwork);
    }

    /** The connector serving this BIN, if any. */
    public Optional<CardNetworkConnector> route(String bin) {
        return routes.stream().filter(r -> r.covers(bin)).map(Route::connector).findFirst();
    }

    /** The connector with this stored name, for follow-up calls on an existing payment. */
    public Optional<CardNetworkConnector> byName(String name) {
        return connectors.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
