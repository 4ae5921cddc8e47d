package io.bastion.identity.web;

import io.bastion.identity.PortalAuthorities;
import io.bastion.identity.SessionDirectory;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Puts a signed-in user into the server-side session: a new session id at every change of stage
 * (against fixation), the idle limit of the user's kind, and the sign-in time for the absolute limit.
 */
@Component
@org.springframework.modulith.NamedInterface("session")
public class BrowserSession {

    static final String SECOND_FACTOR_FAILURES_ATTRIBUTE = "bastion.secondFactorFailures";
    static final String STEPPED_UP_AT_ATTRIBUTE = "bastion.steppedUpAt";
    static final int DEVICE_LENGTH_MAX = 200;

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final Clock clock;
    private final Duration customerIdle;
    private final Duration staffIdle;
    private final Duration absoluteMax;

    BrowserSession(Clock clock, @Value("${bastion.session.idle:5m}") Duration customerIdle,
                   @Value("${bastion.session.staff-idle:15m}") Duration staffIdle,
                   @Value("${bastion.session.absolute:12h}") Duration absoluteMax) {
        this.clock = clock;
        this.customerIdle = customerIdle;
        this.staffIdle = staffIdle;
        this.absoluteMax = absoluteMax;
    }

    /** Signs the user in at their current stage, under a fresh session id. */
    public void establish(SignedInUser user, HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(true);
        request.changeSessionId();
        session = request.getSession();
        if (session.getAttribute(SessionDirectory.SIGNED_IN_AT_ATTRIBUTE) == null) {
            session.setAttribute(SessionDirectory.SIGNED_IN_AT_ATTRIBUTE, clock.instant());
        }
        session.setAttribute(SessionDirectory.IP_ATTRIBUTE, request.getRemoteAddr());
        String device = request.getHeader("User-Agent");
        session.setAttribute(SessionDirectory.DEVICE_ATTRIBUTE, device == null ? "unknown" : device.substring(0, Math.min(device.length(), DEVICE_LENGTH_MAX)));
        session.setMaxInactiveInterval((int) idleLimit(user).toSeconds());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user)));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Records a fresh second factor (step-up) and rotates the session id. */
    public void steppedUp(HttpServletRequest request) {
        request.changeSessionId();
        request.getSession().setAttribute(STEPPED_UP_AT_ATTRIBUTE, clock.instant());
    }

    /** True when the session saw a second factor within the given time. */
    public boolean steppedUpWithin(HttpServletRequest request, Duration window) {
        HttpSession session = request.getSession(false);
        Object at = session == null ? null : session.getAttribute(STEPPED_UP_AT_ATTRIBUTE);
        return at instanceof Instant instant && instant.isAfter(clock.instant().minus(window));
    }

    public Duration idleLimit(SignedInUser user) {
        return user.staff() ? staffIdle : customerIdle;
    }

    public Duration absoluteMax() {
        return absoluteMax;
    }

    static List<GrantedAuthority> authorities(SignedInUser user) {
        List<GrantedAuthority> granted = new ArrayList<>();
        switch (user.stage()) {
            case AWAITING_SECOND_FACTOR -> granted.add(new SimpleGrantedAuthority(PortalAuthorities.STAGE_SECOND_FACTOR));
            case MUST_ENROL_SECOND_FACTOR -> granted.add(new SimpleGrantedAuthority(PortalAuthorities.STAGE_ENROL));
            case COMPLETE -> {
                granted.add(new SimpleGrantedAuthority(user.staff() ? PortalAuthorities.ROLE_STAFF : PortalAuthorities.ROLE_CUSTOMER));
                if (user.staffRole() != null) {
                    granted.add(new SimpleGrantedAuthority(PortalAuthorities.ROLE_STAFF_PREFIX + user.staffRole().name()));
                }
            }
        }
        return granted;
    }
}
