package io.bastion.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets the headers every response carries: a strict Content-Security-Policy with a fresh script nonce
 * (exposed to templates as the request attribute {@value #NONCE_ATTRIBUTE}), HSTS for two years,
 * nosniff, no referrer, no powerful browser features, and no framing, except that the 3-D Secure challenge
 * page ({@value #FRAMEABLE_PREFIX}) may be framed by Bastion's own pages (the hosted payment page) and by no one else.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String NONCE_ATTRIBUTE = "cspNonce";
    static final String FRAMEABLE_PREFIX = "/threeds/challenge/";
    static final long HSTS_MAX_AGE_SECONDS = 63_072_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
            + "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE_ATTRIBUTE, nonce);
        boolean frameable = request.getRequestURI().startsWith(FRAMEABLE_PREFIX);
        String ancestors = frameable ? "'self'" : "'none'";
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'self' 'nonce-" + nonce + "'; "
                + "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
                + "frame-ancestors " + ancestors + "; base-uri 'none'; object-src 'none'; upgrade-insecure-requests");
        response.setHeader("Strict-Transport-Security", "max-age=" + HSTS_MAX_AGE_SECONDS + "; includeSubDomains");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("X-Frame-Options", frameable ? "SAMEORIGIN" : "DENY");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
