package io.bastion.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What Bastion shows of an API key: never the secret, only its id, owner, prefix and lifecycle, the
 * client address blocks it is limited to (empty: anywhere) and the key that replaced it after a rotation.
 */
public record ApiKey(String id, ApiKeyPrincipal.OwnerKind ownerKind, String ownerId, String name, String prefix,
                     Set<ApiScope> scopes, Instant createdAt, Instant expiresAt, Instant revokedAt,
                     Instant lastUsedAt, List<String> allowedCidrs, String replacedBy) {

    public ApiKey {
        allowedCidrs = allowedCidrs == null ? List.of() : List.copyOf(allowedCidrs);
    }

    public boolean active(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }

    /** True when the key may be used from this client address. */
    public boolean allowsAddress(String clientAddress) {
        return allowedCidrs.isEmpty()
                || allowedCidrs.stream().flatMap(c -> IpRange.parse(c).stream()).anyMatch(r -> r.contains(clientAddress));
    }

    /** A test-mode business key (secret prefixed {@code sk_test_}). */
    public boolean testMode() {
        return prefix.startsWith(ConfirmationAction.Mode.TEST.prefix());
    }
}
