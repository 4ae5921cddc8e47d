package io.bastion.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Ends a session that has lived longer than the absolute limit, however active it has been. */
public final class SessionLimitsFilter extends OncePerRequestFilter {

    private final java.time.Duration absoluteMax;
    private final Clock clock;

    public SessionLimitsFilter(java.time.Duration absoluteMax, Clock clock) {
        this.absoluteMax = absoluteMax;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Object signedInAt = session == null ? null : session.getAttribute(SessionDirectory.SIGNED_IN_AT_ATTRIBUTE);
        if (signedInAt instanceof Instant at && at.plus(absoluteMax).isBefore(clock.instant())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect("/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }
}
