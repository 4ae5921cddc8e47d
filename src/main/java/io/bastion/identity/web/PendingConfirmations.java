package io.bastion.identity.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a page asked to be confirmed, kept in the server-side session until the user has confirmed it:
 * after the code is accepted, the confirmation page carries the action out in the same POST. The
 * browser never holds the action, so it cannot change what gets done after the confirmation.
 */
final class PendingConfirmations {

    static final String ATTRIBUTE = "bastion.pendingConfirmations";
    static final int PENDING_MAX = 10;

    private PendingConfirmations() {
    }

    /** Remembers the payload for a confirmation; the oldest entry goes when the session holds too many. */
    static void put(HttpSession session, String confirmationId, Serializable payload) {
        LinkedHashMap<String, Serializable> pending = current(session);
        pending.put(confirmationId, payload);
        while (pending.size() > PENDING_MAX) {
            pending.remove(pending.keySet().iterator().next());
        }
        session.setAttribute(ATTRIBUTE, pending);
    }

    /** Takes the payload for a confirmation out of the session. */
    static Optional<Serializable> take(HttpSession session, String confirmationId) {
        LinkedHashMap<String, Serializable> pending = current(session);
        Serializable payload = pending.remove(confirmationId);
        session.setAttribute(ATTRIBUTE, pending);
        return Optional.ofNullable(payload);
    }

    static boolean has(HttpSession session, String confirmationId) {
        return current(session).containsKey(confirmationId);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Serializable> current(HttpSession session) {
        Object stored = session.getAttribute(ATTRIBUTE);
        return stored instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Serializable>) map) : new LinkedHashMap<>();
    }
}
