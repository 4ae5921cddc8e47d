package io.bastion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: an HTTPS client that keeps cookies (the {@code __Host-bastion} session),
 * remembers the newest {@code _csrf} token of the pages it read, posts forms with it, and follows
 * redirects only when asked, so tests can see every status and {@code Location}.
 */
public final class BrowserlessSession {

    static final int REDIRECTS_MAX = 10;
    static final String SESSION_COOKIE = "__Host-bastion";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]*)\"");

    private final TestClient client;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final String userAgent;
    private String csrf;

    public BrowserlessSession(TestClient client) {
        this(client, "BrowserlessSession/1.0 (test)");
    }

    /** A session that presents the given User-Agent, so the server sees a particular device. */
    public BrowserlessSession(TestClient client, String userAgent) {
        this.client = client;
        this.userAgent = userAgent;
        this.http = HttpClient.newBuilder()
                .sslContext(TestClient.trusting(TestDataDirectory.path().resolve("tls/certificate.pem")))
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** One response as the test sees it. */
    public record Page(int status, String body, Optional<String> location, HttpResponse<String> response) {

        /** The path (and query) a redirect points to. */
        public String redirectPath() {
            URI target = URI.create(location.orElseThrow(() -> new AssertionError("not a redirect: " + status)));
            return target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The body without the per-render CSRF token values, for comparing two pages. */
        public String bodyWithoutCsrf() {
            return withoutCsrf(body);
        }
    }

    public static String withoutCsrf(String html) {
        return CSRF.matcher(html).replaceAll("name=\"_csrf\" value=\"\"");
    }

    public Page get(String path) {
        return send(request(path).GET().build());
    }

    /** Posts a form with the newest CSRF token (fetching {@code path} first when no page was read yet). */
    public Page post(String path, Map<String, String> fields) {
        if (csrf == null) {
            get(path);
        }
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows redirects (as GETs) from a response until a page that is not a redirect. */
    public Page follow(Page page) {
        Page current = page;
        for (int i = 0; i < REDIRECTS_MAX && current.location().isPresent() && current.status() / 100 == 3; i++) {
            current = get(current.redirectPath());
        }
        return current;
    }

    /** The session cookie's value, if the server set one. */
    public Optional<String> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    /** Forgets every cookie, as when a browser is closed. */
    public void clearCookies() {
        cookies.getCookieStore().removeAll();
        csrf = null;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(client.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("User-Agent", userAgent);
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = CSRF.matcher(response.body());
            if (matcher.find()) {
                csrf = matcher.group(1);
            }
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location"), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
