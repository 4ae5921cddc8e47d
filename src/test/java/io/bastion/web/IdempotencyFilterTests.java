package io.bastion.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiScope;
import io.bastion.testing.BastionTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/** The idempotency filter on its own, over the real table, with the failures HTTP tests cannot provoke. */
@BastionTest
class IdempotencyFilterTests {

    private static final byte[] BODY = "{\"amount\":100}".getBytes(StandardCharsets.UTF_8);

    @Autowired
    IdempotencyRecords records;

    @Autowired
    Problems problems;

    @Autowired
    JdbcClient jdbc;

    private final ApiKeyPrincipal caller = new ApiKeyPrincipal("key_test", ApiKeyPrincipal.OwnerKind.BUSINESS,
            "biz_" + UUID.randomUUID(), Set.of(ApiScope.LEDGER));
    private final String key = UUID.randomUUID().toString();
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void authenticate() {
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyFilter.ApiKeyAuthentication(caller));
    }

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void duplicateThatOutwaitsTheRunningRequestGetsAnInProgressProblem() throws Exception {
        MockHttpServletRequest request = request();
        records.claim(key, caller.callerId(), IdempotencyFilter.fingerprint(request, BODY));

        MockHttpServletResponse response = send(request, answering(201), Duration.ofMillis(200));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("/problems/idempotency-in-progress");
        assertThat(runs).hasValue(0);
    }

    @Test
    void serverErrorReleasesTheClaimSoARetryRunsAgain() throws Exception {
        assertThat(send(request(), answering(503), Duration.ZERO).getStatus()).isEqualTo(503);
        assertThat(rows()).isZero();

        MockHttpServletResponse retry = send(request(), answering(201), Duration.ZERO);

        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.getHeader(IdempotencyFilter.REPLAYED_HEADER)).isNull();
        assertThat(runs).hasValue(2);
        assertThat(rows()).isOne();
    }

    @Test
    void exceptionReleasesTheClaimSoARetryRunsAgain() {
        FilterChain failing = (req, res) -> {
            runs.incrementAndGet();
            throw new IllegalStateException("the work failed");
        };

        assertThatThrownBy(() -> send(request(), failing, Duration.ZERO)).isInstanceOf(IllegalStateException.class);

        assertThat(rows()).isZero();
    }

    @Test
    void controllerReadsTheSameBodyTheFingerprintWasTakenFrom() throws Exception {
        byte[][] seen = new byte[1][];
        FilterChain reading = (req, res) -> {
            seen[0] = req.getInputStream().readAllBytes();
            ((HttpServletResponse) res).setStatus(201);
        };

        send(request(), reading, Duration.ZERO);

        assertThat(seen[0]).isEqualTo(BODY);
    }

    private MockHttpServletResponse send(MockHttpServletRequest request, FilterChain chain, Duration wait) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new IdempotencyFilter(records, problems, wait).doFilter(request, response, chain);
        return response;
    }

    private FilterChain answering(int status) {
        return (req, res) -> {
            runs.incrementAndGet();
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(status);
            response.setContentType("application/json");
            response.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/ledger/transfers");
        request.addHeader(IdempotencyFilter.HEADER, key);
        request.setContentType("application/json");
        request.setContent(BODY);
        return request;
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM web_idempotency WHERE idempotency_key = ?").param(key)
                .query(Long.class).single();
    }
}
