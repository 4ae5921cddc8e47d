package io.bastion.web;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.web.IdempotencyRecords.Busy;
import io.bastion.web.IdempotencyRecords.Claim;
import io.bastion.web.IdempotencyRecords.Refused;
import io.bastion.web.IdempotencyRecords.Replay;
import io.bastion.web.IdempotencyRecords.StoredResponse;
import io.bastion.web.IdempotencyRecords.Won;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes POST requests under {@code /v1} that carry an {@value #HEADER} header safe to retry: the first
 * response is stored for the caller and a fingerprint of the request, and a retry of the same request
 * gets that response again (marked {@value #REPLAYED_HEADER}) without the work being done twice.
 * Runs after authorization, so only a caller allowed to make the request can claim or replay a key.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int IDEMPOTENCY_KEY_LENGTH_MAX = 255;
    /** How long a duplicate waits for the first request to finish before answering 409. */
    static final Duration IN_PROGRESS_WAIT_MAX = Duration.ofSeconds(10);
    static final Duration IN_PROGRESS_POLL_INTERVAL = Duration.ofMillis(50);
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyRecords records;
    private final Problems problems;
    private final Duration inProgressWait;

    IdempotencyFilter(IdempotencyRecords records, Problems problems) {
        this(records, problems, IN_PROGRESS_WAIT_MAX);
    }

    /** With a shorter wait for duplicates, so tests need not sit out the full one. */
    IdempotencyFilter(IdempotencyRecords records, Problems problems, Duration inProgressWait) {
        this.records = Objects.requireNonNull(records, "records");
        this.problems = Objects.requireNonNull(problems, "problems");
        if (inProgressWait.isNegative() || inProgressWait.compareTo(IN_PROGRESS_WAIT_MAX) > 0) {
            throw new IllegalArgumentException("inProgressWait must be between zero and " + IN_PROGRESS_WAIT_MAX);
        }
        this.inProgressWait = inProgressWait;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/v1/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!valid(key) || Collections.list(request.getHeaders(HEADER)).size() > 1) {
            problems.write(response, problems.of(ProblemType.IDEMPOTENCY_KEY_INVALID,
                    "Header '" + HEADER + "' must be one value of 1 to " + IDEMPOTENCY_KEY_LENGTH_MAX
                            + " visible ASCII characters."), Map.of());
            return;
        }
        byte[] body = readBody(request);
        if (body == null) {
            problems.write(response, problems.of(ProblemType.BODY_TOO_LARGE, "The request body exceeds 1 MiB."),
                    Map.of("Connection", "close"));
            return;
        }
        String caller = caller();
        byte[] fingerprint = fingerprint(request, body);
        HttpServletRequest replayable = new BufferedBodyRequest(request, body);
        long deadline = System.nanoTime() + inProgressWait.toNanos();
        Claim claim = records.claim(key, caller, fingerprint);
        while (claim instanceof Busy && System.nanoTime() < deadline) {
            pause();
            claim = records.claim(key, caller, fingerprint);
        }
        switch (claim) {
            case Won won -> run(key, caller, replayable, response, chain);
            case Replay replay -> replay(replay.response(), response);
            case Refused refused -> problems.write(response, problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request."), Map.of());
            case Busy busy -> problems.write(response, problems.of(ProblemType.IDEMPOTENCY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed."), Map.of("Retry-After", "1"));
        }
    }

    /** Runs the request that won the claim, stores what it answered, then sends that answer. */
    private void run(String key, String caller, HttpServletRequest request, HttpServletResponse response,
                     FilterChain chain) throws ServletException, IOException {
        CapturedResponse captured = new CapturedResponse(response);
        boolean finished = false;
        try {
            chain.doFilter(request, captured);
            finished = true;
        } finally {
            // A 5xx may mean the work did not happen, and an error page is rendered outside this filter
            // where it cannot be captured: either way a retry must be free to run the request again.
            if (!finished || captured.getStatus() >= 500 || captured.errorSent) {
                records.release(key, caller);
            }
        }
        if (captured.getStatus() < 500 && !captured.errorSent) {
            store(key, caller, captured);
        }
        captured.copyBodyToResponse();
    }

    private void store(String key, String caller, CapturedResponse captured) {
        try {
            records.complete(key, caller, new StoredResponse(captured.getStatus(), captured.getContentType(),
                    captured.getHeader(HttpHeaders.LOCATION), captured.getContentAsByteArray()));
        } catch (RuntimeException e) {
            // The work is done and its answer is in hand, so the client still gets it. The claim stays in
            // progress until it expires: a retry is refused rather than allowed to do the work twice.
            LOG.error("could not store the response of an idempotent request; its key stays blocked", e);
        }
    }

    /** The whole body, or null when it is over the limit (checked here too, not only upstream). */
    private static byte[] readBody(HttpServletRequest request) throws IOException {
        byte[] body;
        try {
            body = request.getInputStream().readNBytes((int) BodyLimitFilter.limitFor(request) + 1);
        } catch (IOException e) {
            if (BodyLimitFilter.exceeded(e)) {
                return null;
            }
            throw e;
        }
        return body.length > BodyLimitFilter.limitFor(request) ? null : body;
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        // A stored response may hold a secret shown once; no cache along the way may keep a copy.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(stored.body().length);
        response.getOutputStream().write(stored.body());
    }

    static boolean valid(String key) {
        if (key == null || key.isEmpty() || key.length() > IDEMPOTENCY_KEY_LENGTH_MAX) {
            return false;
        }
        return key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof ApiKeyPrincipal principal)) {
            // Routes under /v1 demand an API key before this filter runs; anything else is a wiring error.
            throw new IllegalStateException("idempotency needs an API key principal");
        }
        return principal.callerId();
    }

    /** SHA-256 over the parts that make two requests the same request, each prefixed by its length. */
    static byte[] fingerprint(HttpServletRequest request, byte[] body) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (String part : new String[] {request.getMethod(), request.getRequestURI(),
                Objects.requireNonNullElse(request.getQueryString(), ""),
                Objects.requireNonNullElse(request.getContentType(), "")}) {
            update(digest, part.getBytes(StandardCharsets.UTF_8));
        }
        update(digest, body);
        return digest.digest();
    }

    private static void update(MessageDigest digest, byte[] part) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(part.length).array());
        digest.update(part);
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(IN_PROGRESS_POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for an idempotent request", e);
        }
    }

    /** Holds the response back until it is stored, and notes an error sent past the capture. */
    private static final class CapturedResponse extends ContentCachingResponseWrapper {

        private boolean errorSent;

        CapturedResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }
    }

    /** A request whose body was read once for the fingerprint and is served again from memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private ServletInputStream stream;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new BufferedStream(new ByteArrayInputStream(body));
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.ISO_8859_1
                    : Charset.forName(getCharacterEncoding(), StandardCharsets.ISO_8859_1);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static final class BufferedStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        BufferedStream(ByteArrayInputStream in) {
            this.in = in;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("a buffered body is read synchronously");
        }
    }
}
