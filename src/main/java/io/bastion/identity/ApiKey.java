package io.bastion.identity;

import java.time.Instant;
import java.util.Set;

/** What Bastion shows of an API key: never the secret, only its id, owner, prefix and lifecycle. */
public record ApiKey(String id, ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String name, String prefix,
                     Set<ApiScope> scopes, Instant createdAt, Instant expiresAt, Instant revokedAt,
                     Instant lastUsedAt) {

    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
