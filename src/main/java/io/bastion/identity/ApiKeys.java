package io.bastion.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.prf.Prf;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.shared.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, authenticates, lists and revokes API keys. Keys are random 256-bit secrets with a readable
 * prefix; only a keyed hash is stored, computed under every key of the hash keyset so that rotating
 * that keyset never invalidates an issued API key.
 */
@Service
public class ApiKeys {

    static final int SECRET_BYTES = 32;
    static final int HASH_BYTES = 32;
    static final int PREFIX_VISIBLE_CHARS = 4;
    static final Duration USE_AUDIT_INTERVAL_MIN = Duration.ofMinutes(1);
    static final int PAGE_SIZE_MAX = 100;
    static final int TOUCHED_KEYS_MAX = 10_000;

    private final JdbcClient jdbc;
    private final Keys keys;
    private final AuditLog audit;
    private final Clock clock;
    private final Cache<String, Instant> lastTouched = Caffeine.newBuilder().maximumSize(TOUCHED_KEYS_MAX).build();

    ApiKeys(JdbcClient jdbc, Keys keys, AuditLog audit, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A newly issued key: the only moment its secret exists outside the caller's hands. */
    public record Issued(ApiKey key, Secret secret) {
    }

    /** Issues a key with a fresh random secret. */
    @Transactional
    public Issued issue(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String name, Set<ApiScope> scopes,
                        Instant expiresAt, String actor, String originIp) {
        String secret = secretPrefix(ownerKind) + RandomIds.token(SECRET_BYTES);
        return new Issued(register(ownerKind, ownerId, name, scopes, expiresAt, secret, actor, originIp), new Secret(secret));
    }

    /** Registers a secret chosen outside Bastion (the bootstrap operator key); false if it already exists. */
    @Transactional
    public ApiKey register(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String name, Set<ApiScope> scopes,
                           Instant expiresAt, String secret, String actor, String originIp) {
        return insert(ownerKind, ownerId, name, scopes, expiresAt, List.of(), secret, actor, originIp);
    }

    /**
     * Issues a business key, limited to the given address blocks (none: anywhere). Package-private:
     * {@link BusinessApiKeys} calls it only after the user's role and confirmation are checked.
     */
    @Transactional
    Issued issueBusiness(String businessId, String name, Set<ApiScope> scopes, ConfirmationAction.Mode mode,
                         List<String> allowedCidrs, Instant expiresAt, String actor, String originIp) {
        String secret = mode.prefix() + RandomIds.token(SECRET_BYTES);
        return new Issued(insert(ApiKeyPrincipal.OwnerKind.BUSINESS, businessId, name, scopes, expiresAt, allowedCidrs, secret,
                actor, originIp), new Secret(secret));
    }

    /**
     * Replaces a key with a new secret of the same kind, scopes and limits; the old secret keeps working
     * for the overlap (or until its own expiry, if sooner) so that clients can switch without an outage.
     * Empty when the owner has no such active, not yet rotated key.
     */
    @Transactional
    Optional<Issued> rotate(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String keyId, Duration overlap, String actor,
                            String originIp) {
        Instant now = clock.instant();
        Optional<ApiKey> old = jdbc.sql("SELECT * FROM identity_api_key WHERE id = ? AND owner_kind = ? AND owner_id = ? FOR UPDATE")
                .params(keyId, ownerKind.name(), ownerId).query(ApiKeys::map).optional()
                .filter(k -> k.active(now) && k.replacedBy() == null);
        if (old.isEmpty()) {
            return Optional.empty();
        }
        ApiKey previous = old.get();
        String typePrefix = previous.testMode() ? ConfirmationAction.Mode.TEST.prefix() : secretPrefix(ownerKind);
        String secret = typePrefix + RandomIds.token(SECRET_BYTES);
        ApiKey next = insert(ownerKind, ownerId, previous.name(), previous.scopes(), previous.expiresAt(), previous.allowedCidrs(),
                secret, actor, originIp);
        Instant overlapEnd = now.plus(overlap);
        Instant oldExpiry = previous.expiresAt() == null || previous.expiresAt().isAfter(overlapEnd) ? overlapEnd : previous.expiresAt();
        jdbc.sql("UPDATE identity_api_key SET replaced_by = ?, expires_at = ? WHERE id = ?")
                .params(next.id(), utc(oldExpiry), previous.id()).update();
        audit.record(new AuditRecord(actor, "apikey.rotated", previous.id(), AuditRecord.Outcome.SUCCESS, originIp,
                Map.of("replacedBy", next.id(), "oldExpiresAt", oldExpiry.toString())));
        return Optional.of(new Issued(next, new Secret(secret)));
    }

    private ApiKey insert(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String name, Set<ApiScope> scopes,
                          Instant expiresAt, List<String> allowedCidrs, String secret, String actor, String originIp) {
        Objects.requireNonNull(secret, "secret");
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one scope");
        }
        String[] cidrs = allowedCidrs.stream().map(c -> IpRange.parse(c)
                .orElseThrow(() -> new IllegalArgumentException("not an address block")).toString()).toArray(String[]::new);
        Instant now = clock.instant();
        String id = RandomIds.id("key");
        String prefix = visiblePrefix(secret);
        String[] scopeValues = scopes.stream().map(ApiScope::value).sorted().toArray(String[]::new);
        jdbc.sql("""
                INSERT INTO identity_api_key (id, owner_kind, owner_id, name, prefix, scopes, secret_hash, created_at, expires_at,
                  allowed_cidrs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ownerKind.name(), ownerId, name, prefix, scopeValues, primaryHash(secret), utc(now), utc(expiresAt),
                        cidrs.length == 0 ? null : cidrs)
                .update();
        audit.record(new AuditRecord(actor, "apikey.created", id, AuditRecord.Outcome.SUCCESS, originIp,
                Map.of("owner", ownerKind.name().toLowerCase() + ":" + ownerId, "scopes", String.join(" ", scopeValues))));
        return find(id).orElseThrow();
    }

    /**
     * Resolves a presented secret to its key's principal if the key exists, is not revoked, has not
     * expired and allows the client's address. Records the use (at most once a minute per key) and every refusal in the audit log.
     */
    public Optional<ApiKeyPrincipal> authenticate(String presented, String originIp) {
        Instant now = clock.instant();
        Optional<ApiKey> key = presented == null || presented.isBlank() ? Optional.empty() : findBySecret(presented);
        if (key.isEmpty() || !key.get().active(now) || !key.get().allowsAddress(originIp)) {
            audit.record(AuditRecord.of("anonymous", "apikey.rejected", key.map(ApiKey::id).orElse(""),
                    AuditRecord.Outcome.DENIED, originIp));
            return Optional.empty();
        }
        ApiKey found = key.get();
        if (!touchDue(found.id(), now)) {
            return Optional.of(new ApiKeyPrincipal(found.id(), found.ownerKind(), found.ownerId(), found.scopes()));
        }
        int touched = jdbc.sql("UPDATE identity_api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(utc(now), found.id(), utc(now.minus(USE_AUDIT_INTERVAL_MIN))).update();
        if (touched > 0) {
            audit.record(AuditRecord.of(found.id(), "apikey.used", found.id(), AuditRecord.Outcome.SUCCESS, originIp));
        }
        return Optional.of(new ApiKeyPrincipal(found.id(), found.ownerKind(), found.ownerId(), found.scopes()));
    }

    /**
     * Whether this instance should record a use of the key now: not when it already did within the
     * interval, which spares every API request but one a minute the UPDATE (the database still decides
     * between instances).
     */
    private boolean touchDue(String keyId, Instant now) {
        Instant last = lastTouched.getIfPresent(keyId);
        if (last != null && last.isAfter(now.minus(USE_AUDIT_INTERVAL_MIN))) {
            return false;
        }
        lastTouched.put(keyId, now);
        return true;
    }

    /** Revokes a key of the given owner; false when no such key is visible to that owner. */
    @Transactional
    public boolean revoke(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String keyId, String actor, String originIp) {
        int changed = jdbc.sql("""
                UPDATE identity_api_key SET revoked_at = ? WHERE id = ? AND owner_kind = ? AND owner_id = ? AND revoked_at IS NULL""")
                .params(utc(clock.instant()), keyId, ownerKind.name(), ownerId).update();
        boolean visible = find(keyId).filter(k -> k.ownerKind() == ownerKind && k.ownerId().equals(ownerId)).isPresent();
        if (visible) {
            audit.record(AuditRecord.of(actor, "apikey.revoked", keyId,
                    changed > 0 ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.INFO, originIp));
        }
        return visible;
    }

    /** One key of an owner, if that owner has it. */
    public Optional<ApiKey> find(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String keyId) {
        return find(keyId).filter(k -> k.ownerKind() == ownerKind && k.ownerId().equals(ownerId));
    }

    /** An owner's keys, newest first, a page at a time: {@code after} is the last id of the previous page. */
    public List<ApiKey> list(ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String after, int limit) {
        int size = Math.clamp(limit, 1, PAGE_SIZE_MAX);
        return jdbc.sql("""
                SELECT * FROM identity_api_key k WHERE owner_kind = ? AND owner_id = ?
                  AND (CAST(? AS text) IS NULL OR (created_at, id) < (SELECT created_at, id FROM identity_api_key WHERE id = ?))
                ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(ownerKind.name(), ownerId, after, after, size)
                .query(ApiKeys::map).list();
    }

    /** True when at least one active key of this kind of owner exists. */
    public boolean anyActive(ApiKeyPrincipal.OwnerKind ownerKind) {
        return jdbc.sql("""
                SELECT count(*) FROM identity_api_key WHERE owner_kind = ? AND revoked_at IS NULL
                  AND (expires_at IS NULL OR expires_at > ?)""")
                .params(ownerKind.name(), utc(clock.instant())).query(Long.class).single() > 0;
    }

    private Optional<ApiKey> find(String id) {
        return jdbc.sql("SELECT * FROM identity_api_key WHERE id = ?").param(id).query(ApiKeys::map).optional();
    }

    private Optional<ApiKey> findBySecret(String presented) {
        List<byte[]> hashes = allHashes(presented);
        return jdbc.sql("SELECT * FROM identity_api_key WHERE secret_hash = ANY(?)")
                .param(hashes.toArray(byte[][]::new)).query(ApiKeys::map).optional();
    }

    private byte[] primaryHash(String secret) {
        try {
            return keys.prf(KeyPurpose.API_KEY_HASH).computePrimary(secret.getBytes(StandardCharsets.UTF_8), HASH_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash an API key", e);
        }
    }

    private List<byte[]> allHashes(String secret) {
        List<byte[]> hashes = new ArrayList<>();
        try {
            for (Prf prf : keys.prf(KeyPurpose.API_KEY_HASH).getPrfs().values()) {
                hashes.add(prf.compute(secret.getBytes(StandardCharsets.UTF_8), HASH_BYTES));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash an API key", e);
        }
        return hashes;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Array scopes = rs.getArray("scopes");
        Set<ApiScope> parsed = Arrays.stream((String[]) scopes.getArray()).map(ApiScope::parse)
                .flatMap(Optional::stream).collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
        return new ApiKey(rs.getString("id"), ApiKeyPrincipal.OwnerKind.valueOf(rs.getString("owner_kind")),
                rs.getString("owner_id"), rs.getString("name"), rs.getString("prefix"), parsed,
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"),
                cidrs(rs.getArray("allowed_cidrs")), rs.getString("replaced_by"));
    }

    private static List<String> cidrs(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The part of a secret safe to show: its type prefix and a few characters, enough to tell keys apart. */
    static String visiblePrefix(String secret) {
        int typed = secret.startsWith("op_live_") || secret.startsWith("sk_live_") || secret.startsWith("sk_test_")
                ? "op_live_".length() : 0;
        return secret.substring(0, Math.min(secret.length(), typed + PREFIX_VISIBLE_CHARS));
    }

    private static String secretPrefix(ApiKeyPrincipal.OwnerKind kind) {
        return kind == ApiKeyPrincipal.OwnerKind.OPERATOR ? "op_live_" : "sk_live_";
    }

}
