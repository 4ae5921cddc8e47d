package io.bastion.identity;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** The signed-in sessions of a user, across every app node: listed, and ended one by one or all at once. */
@Component
public class SessionDirectory {

    public static final String IP_ATTRIBUTE = "bastion.ip";
    public static final String DEVICE_ATTRIBUTE = "bastion.device";
    public static final String SIGNED_IN_AT_ATTRIBUTE = "bastion.signedInAt";

    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository;
    private final AuditLog audit;

    // Administrative commands run without a web server and so without sessions: then there is nothing to list or end.
    SessionDirectory(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> repository, AuditLog audit) {
        this.repository = repository;
        this.audit = audit;
    }

    private Map<String, ? extends Session> sessionsOf(String userId) {
        FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
        return sessions == null ? Map.of() : sessions.findByPrincipalName(userId);
    }

    private void delete(String sessionId) {
        FindByIndexNameSessionRepository<? extends Session> sessions = repository.getIfAvailable();
        if (sessions != null) {
            sessions.deleteById(sessionId);
        }
    }

    /** A session as its owner sees it; the handle is a one-way digest, never the session id itself. */
    public record SessionView(String handle, String ip, String device, Instant signedInAt, Instant lastActiveAt,
                              boolean current) {
    }

    public List<SessionView> list(String userId, String currentSessionId) {
        return sessionsOf(userId).values().stream()
                .map(s -> new SessionView(handle(s.getId()), s.getAttribute(IP_ATTRIBUTE), s.getAttribute(DEVICE_ATTRIBUTE),
                        s.getAttribute(SIGNED_IN_AT_ATTRIBUTE), s.getLastAccessedTime(), s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(SessionView::lastActiveAt).reversed())
                .toList();
    }

    /** Ends one of the user's own sessions by handle (audited); false when no such session of theirs exists. */
    public boolean end(String userId, String handle, String ip) {
        for (Map.Entry<String, ? extends Session> entry : sessionsOf(userId).entrySet()) {
            if (handle(entry.getKey()).equals(handle)) {
                delete(entry.getKey());
                audit.record(AuditRecord.of(userId, "identity.session.ended", "session:" + handle, AuditRecord.Outcome.SUCCESS, ip));
                return true;
            }
        }
        return false;
    }

    /** Records a sign-out; the session itself is ended by Spring Security's logout. */
    public void signedOut(String userId, String ip) {
        audit.record(AuditRecord.of(userId, "identity.session.signed-out", userId, AuditRecord.Outcome.SUCCESS, ip));
    }

    /** Ends every session of a user except one (null ends them all); returns how many ended. */
    public int endAllExcept(String userId, String keepSessionId) {
        int ended = 0;
        for (String id : sessionsOf(userId).keySet()) {
            if (!id.equals(keepSessionId)) {
                delete(id);
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
