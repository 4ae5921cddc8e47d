package io.bastion.acquiring.web;

import io.bastion.identity.ConfirmationAction;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dashboard actions (refunds, payouts) waiting for their confirmation, kept in the server-side session by
 * confirmation id: the browser never holds the action, so it cannot change what is done once the code is
 * accepted, and the confirmation is consumed by presenting exactly this action again.
 */
final class PendingMerchantActions {

    static final String ATTRIBUTE = "bastion.merchant.pendingActions";
    /** A session holds at most this many waiting actions; the oldest goes first. */
    static final int PENDING_MAX = 10;

    private PendingMerchantActions() {
    }

    static void put(HttpSession session, String confirmationId, ConfirmationAction action) {
        LinkedHashMap<String, ConfirmationAction> pending = current(session);
        pending.put(confirmationId, action);
        while (pending.size() > PENDING_MAX) {
            pending.remove(pending.keySet().iterator().next());
        }
        session.setAttribute(ATTRIBUTE, pending);
    }

    /** The waiting action of this type under the confirmation id, if the session asked for one. */
    static <T extends ConfirmationAction> Optional<T> get(HttpSession session, String confirmationId, Class<T> type) {
        return Optional.ofNullable(current(session).get(confirmationId)).filter(type::isInstance).map(type::cast);
    }

    static void remove(HttpSession session, String confirmationId) {
        LinkedHashMap<String, ConfirmationAction> pending = current(session);
        pending.remove(confirmationId);
        session.setAttribute(ATTRIBUTE, pending);
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, ConfirmationAction> current(HttpSession session) {
        Object stored = session.getAttribute(ATTRIBUTE);
        return stored instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, ConfirmationAction>) map) : new LinkedHashMap<>();
    }
}
