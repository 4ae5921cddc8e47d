package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchant API keys as business owners and admins manage them. Issuing a key (new or rotated) needs a
 * confirmation of exactly that key; every method checks the caller's role in the key's business again,
 * whatever the page already checked.
 */
@Service
public class BusinessApiKeys {

    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    static final int KEYS_PAGE_MAX = 100;
    /** The scopes a business key may carry; operator scopes are never among them. */
    public static final Set<ApiScope> BUSINESS_SCOPES = EnumSet.of(ApiScope.PAYMENTS_READ, ApiScope.PAYMENTS_WRITE);

    /** A member's role in a business. */
    public enum Role {
        OWNER, ADMIN, DEVELOPER, VIEWER;

        boolean managesKeys() {
            return this == OWNER || this == ADMIN;
        }
    }

    /** A business the user belongs to, with their role there. */
    public record Membership(String businessId, String businessName, Role role) {
    }

    /** What the user may do with a business's keys: manage them, nothing (a member), or not know it exists. */
    public enum Access {
        MANAGE, FORBIDDEN, NOT_FOUND
    }

    private final JdbcClient jdbc;
    private final ApiKeys apiKeys;
    private final Confirmations confirmations;
    private final AuditLog audit;

    BusinessApiKeys(JdbcClient jdbc, ApiKeys apiKeys, Confirmations confirmations, AuditLog audit) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public List<Membership> memberships(String userId) {
        return jdbc.sql("""
                SELECT m.business_id, b.name, m.role FROM identity_membership m JOIN identity_business b ON b.id = m.business_id
                WHERE m.user_id = ? ORDER BY b.created_at, b.id LIMIT ?""")
                .params(userId, KEYS_PAGE_MAX)
                .query((rs, n) -> new Membership(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)))).list();
    }

    public Access access(String userId, String businessId) {
        Optional<Role> role = jdbc.sql("SELECT role FROM identity_membership WHERE user_id = ? AND business_id = ?")
                .params(userId, businessId).query(String.class).optional().map(Role::valueOf);
        return role.map(r -> r.managesKeys() ? Access.MANAGE : Access.FORBIDDEN).orElse(Access.NOT_FOUND);
    }

    /** The business owning a key, when it is a business key at all. */
    public Optional<String> businessOfKey(String keyId) {
        return jdbc.sql("SELECT owner_id FROM identity_api_key WHERE id = ? AND owner_kind = 'BUSINESS'").param(keyId)
                .query(String.class).optional();
    }

    /** The business's keys, newest first; empty unless the user manages them. */
    public List<ApiKey> list(String userId, String businessId) {
        if (access(userId, businessId) != Access.MANAGE) {
            return List.of();
        }
        return apiKeys.list(ApiKeyPrincipal.OwnerKind.BUSINESS, businessId, null, KEYS_PAGE_MAX);
    }

    /** Opens the confirmation a new key needs; empty when the user may not manage the business's keys. */
    public Optional<Confirmation> requestCreate(String userId, ConfirmationAction.CreateApiKey key, String ip) {
        if (access(userId, key.businessId()) != Access.MANAGE || !BUSINESS_SCOPES.containsAll(key.scopes())) {
            return Optional.empty();
        }
        return Optional.of(confirmations.request(userId, key, ip));
    }

    /** Issues the key once its confirmation is consumed for exactly this key; the secret is returned only here. */
    @Transactional
    public Optional<ApiKeys.Issued> create(String userId, String confirmationId, ConfirmationAction.CreateApiKey key, String ip) {
        if (access(userId, key.businessId()) != Access.MANAGE || !BUSINESS_SCOPES.containsAll(key.scopes())
                || !confirmations.consume(userId, confirmationId, key, ip)) {
            return Optional.empty();
        }
        return Optional.of(apiKeys.issueBusiness(key.businessId(), key.name(), key.scopes(), key.mode(), key.allowedCidrs(),
                key.expiresAt(), userId, ip));
    }

    /** Opens the confirmation a rotation needs; empty unless the user manages this key's business. */
    public Optional<Confirmation> requestRotate(String userId, String keyId, String ip) {
        return businessOfKey(keyId).filter(b -> access(userId, b) == Access.MANAGE)
                .map(b -> confirmations.request(userId, new ConfirmationAction.RotateApiKey(b, keyId), ip));
    }

    /** Rotates the key once the confirmation is consumed; the old secret works for {@link #ROTATION_OVERLAP}. */
    @Transactional
    public Optional<ApiKeys.Issued> rotate(String userId, String confirmationId, ConfirmationAction.RotateApiKey rotation, String ip) {
        if (!businessOfKey(rotation.keyId()).map(rotation.businessId()::equals).orElse(false)
                || access(userId, rotation.businessId()) != Access.MANAGE
                || !confirmations.consume(userId, confirmationId, rotation, ip)) {
            return Optional.empty();
        }
        return apiKeys.rotate(ApiKeyPrincipal.OwnerKind.BUSINESS, rotation.businessId(), rotation.keyId(), ROTATION_OVERLAP,
                userId, ip);
    }

    /** Revokes a key at once (it only takes access away, so it needs no confirmation). */
    public boolean revoke(String userId, String keyId, String ip) {
        Optional<String> business = businessOfKey(keyId).filter(b -> access(userId, b) == Access.MANAGE);
        if (business.isEmpty()) {
            audit.record(AuditRecord.of(userId, "apikey.revoke", keyId, AuditRecord.Outcome.DENIED, ip));
            return false;
        }
        return apiKeys.revoke(ApiKeyPrincipal.OwnerKind.BUSINESS, business.get(), keyId, userId, ip);
    }
}
