package io.bastion.acquiring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Chooses the connector for a card by BIN range. Today only the test network is registered; when the
 * issuing module lands, Bastion's own BIN range is added here ahead of it, routed to an on-us connector
 * that authorizes against the cardholder's wallet instead of an outside network.
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

    private final List<Route> routes;
    private final List<CardNetworkConnector> connectors;

    CardRouting(TestNetworkConnector testNetwork) {
        this.routes = List.of(new Route(TestNetworkConnector.BIN_FROM, TestNetworkConnector.BIN_TO, testNetwork));
        this.connectors = List.of(testNetwork);
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
