package io.bastion.acquiring;

import com.google.crypto.tink.Aead;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.shared.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Merchants' webhook endpoints: created with a {@code whsec_} secret shown once, listed, deleted, their
 * secret rotated (the old one keeps signing alongside the new for {@link #ROTATION_OVERLAP}), their
 * deliveries listed with every attempt, and a delivery resent. URLs must be https; a test property allows
 * plain http to the loopback address only.
 */
@Service
public final class WebhookEndpoints {

    static final int SECRET_BYTES = 32;
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    /** A merchant has at most this many endpoints, and lists return at most this many deliveries. */
    public static final int ENDPOINTS_MAX = 16;
    public static final int DELIVERIES_PAGE_MAX = 100;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final Keys keys;
    private final Clock clock;
    private final boolean allowLoopbackHttp;

    WebhookEndpoints(WebhookStore store, Keys keys, Clock clock,
                     @Value("${bastion.acquiring.webhooks.allow-loopback-http:false}") boolean allowLoopbackHttp) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /** A new endpoint and its secret: the only time the secret leaves Bastion. */
    public record Created(WebhookEndpoint endpoint, Secret secret) {
    }

    /** Whether Bastion would deliver to this URL: https, or http to loopback when the test property allows. */
    public boolean acceptsUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || uri.getUserInfo() != null) {
                return false;
            }
            boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
            return "https".equals(uri.getScheme()) || (allowLoopbackHttp && loopback && "http".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Every event type an endpoint can subscribe to; {@link #ALL_EVENTS} subscribes to all of them. */
    public static final List<String> EVENT_TYPES = PaymentEvents.TYPES;
    public static final String ALL_EVENTS = "*";

    /** True for a non-empty list of known event types (or {@link #ALL_EVENTS}), each named once. */
    public static boolean validEvents(List<String> events) {
        return events != null && !events.isEmpty() && events.size() == Set.copyOf(events).size()
                && events.stream().allMatch(e -> ALL_EVENTS.equals(e) || EVENT_TYPES.contains(e));
    }

    /** Creates an endpoint that receives every event type. */
    public Optional<Created> create(String merchantId, String url) {
        return create(merchantId, url, List.of(ALL_EVENTS));
    }

    /**
     * Creates an endpoint receiving the given event types; empty when the URL or the event list is refused or
     * the merchant has {@link #ENDPOINTS_MAX} already.
     */
    public Optional<Created> create(String merchantId, String url, List<String> enabledEvents) {
        if (!acceptsUrl(url) || !validEvents(enabledEvents)
                || store.endpoints(merchantId, ENDPOINTS_MAX).size() >= ENDPOINTS_MAX) {
            return Optional.empty();
        }
        String id = Ids.next("we");
        String secret = newSecret();
        store.insertEndpoint(id, merchantId, url, seal(secret, id), clock.instant(), enabledEvents);
        return Optional.of(new Created(store.endpoint(merchantId, id).orElseThrow(), new Secret(secret)));
    }

    public List<WebhookEndpoint> list(String merchantId) {
        return store.endpoints(merchantId, ENDPOINTS_MAX);
    }

    public Optional<WebhookEndpoint> find(String merchantId, String id) {
        return store.endpoint(merchantId, id);
    }

    /**
     * Disables or enables the merchant's endpoint; false when it has none with this id. A disabled endpoint gets no
     * new events and is sent nothing; enabled again, it is sent what is still queued.
     */
    public boolean disable(String merchantId, String id, boolean disabled) {
        return store.disable(merchantId, id, disabled, clock.instant());
    }

    public boolean delete(String merchantId, String id) {
        return store.delete(merchantId, id, clock.instant());
    }

    /** A new secret for the endpoint, shown once; the old one keeps signing for {@link #ROTATION_OVERLAP}. */
    public Optional<Secret> rotate(String merchantId, String id) {
        String secret = newSecret();
        return store.rotate(merchantId, id, seal(secret, id), clock.instant().plus(ROTATION_OVERLAP))
                ? Optional.of(new Secret(secret)) : Optional.empty();
    }

    /** The endpoint's latest deliveries with their attempts; empty when the endpoint is not the merchant's. */
    public Optional<List<WebhookDelivery>> deliveries(String merchantId, String endpointId) {
        return store.endpoint(merchantId, endpointId).map(e -> store.deliveries(e.id(), DELIVERIES_PAGE_MAX));
    }

    /** Queues a delivery again now; false when it is not the merchant's. */
    public boolean resend(String merchantId, String endpointId, String deliveryId) {
        return store.resend(merchantId, endpointId, deliveryId, clock.instant());
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return WebhookSignature.SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    private byte[] seal(String secret, String endpointId) {
        try {
            return aead().encrypt(secret.getBytes(StandardCharsets.UTF_8), endpointId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a webhook secret", e);
        }
    }

    /** The plain secret of a stored ciphertext. */
    String open(byte[] sealed, String endpointId) {
        try {
            return new String(aead().decrypt(sealed, endpointId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the secret of webhook endpoint " + endpointId, e);
        }
    }

    private Aead aead() {
        return keys.aead(KeyPurpose.WEBHOOK_SECRETS);
    }
}
