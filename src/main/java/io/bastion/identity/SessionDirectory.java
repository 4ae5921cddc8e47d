package io.bastion.identity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** The signed-in sessions of a user, across every app node: listed, and ended one by one or all at once. */
@Component
public class SessionDirectory {

    public static final String IP_ATTRIBUTE = "bastion.ip";
    public static final String DEVICE_ATTRIBUTE = "bastion.device";
    public static final String SIGNED_IN_AT_ATTRIBUTE = "bastion.signedInAt";

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SessionDirectory(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** A session as its owner sees it; the handle is a one-way digest, never the session id itself. */
    public record SessionView(String handle, String ip, String device, Instant signedInAt, Instant lastActiveAt,
                              boolean current) {
    }

    public List<SessionView> list(String userId, String currentSessionId) {
        return sessions.findByPrincipalName(userId).values().stream()
                .map(s -> new SessionView(handle(s.getId()), s.getAttribute(IP_ATTRIBUTE), s.getAttribute(DEVICE_ATTRIBUTE),
                        s.getAttribute(SIGNED_IN_AT_ATTRIBUTE), s.getLastAccessedTime(), s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(SessionView::lastActiveAt).reversed())
                .toList();
    }

    /** Ends one of the user's own sessions by handle; false when no such session of theirs exists. */
    public boolean end(String userId, String handle) {
        for (Map.Entry<String, ? extends Session> entry : sessions.findByPrincipalName(userId).entrySet()) {
            if (handle(entry.getKey()).equals(handle)) {
                sessions.deleteById(entry.getKey());
                return true;
            }
        }
        return false;
    }

    /** Ends every session of a user except one (null ends them all); returns how many ended. */
    public int endAllExcept(String userId, String keepSessionId) {
        int ended = 0;
        for (String id : sessions.findByPrincipalName(userId).keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    static String handle(String sessionId) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(sessionId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
