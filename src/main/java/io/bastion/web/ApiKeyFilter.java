package io.bastion.web;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <key>} requests with an API key. A present but unusable
 * key is answered with 401 at once, whatever the reason (unknown, revoked, expired, wrong address).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";
    static final int KEY_LENGTH_MAX = 512;

    private final ApiKeys apiKeys;
    private final Problems problems;

    ApiKeyFilter(ApiKeys apiKeys, Problems problems) {
        this.apiKeys = apiKeys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeyPrincipal> principal = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && header.length() <= KEY_LENGTH_MAX + BEARER.length()
                ? apiKeys.authenticate(header.substring(BEARER.length()).trim(), request.getRemoteAddr())
                : Optional.empty();
        if (principal.isEmpty()) {
            problems.write(response, problems.of(ProblemType.UNAUTHORIZED, "A valid API key is required."),
                    Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return;
        }
        SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(principal.get()));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** An authenticated API key; its authorities are its scopes. */
    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {

        private final ApiKeyPrincipal principal;

        ApiKeyAuthentication(ApiKeyPrincipal principal) {
            super(authorities(principal));
            this.principal = principal;
            setAuthenticated(true);
        }

        private static Collection<? extends GrantedAuthority> authorities(ApiKeyPrincipal principal) {
            List<SimpleGrantedAuthority> scopes = principal.scopes().stream()
                    .map(s -> new SimpleGrantedAuthority(s.authority())).toList();
            return scopes;
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public ApiKeyPrincipal getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.keyId();
        }
    }
}
