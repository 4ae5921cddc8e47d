package io.bastion.identity;

import java.util.Objects;
import java.util.Set;

/** The caller behind an authenticated API key: the key's id, its owner and its scopes. */
public record ApiKeyPrincipal(String keyId, OwnerKind ownerKind, String ownerId, Set<ApiScope> scopes) {

    public ApiKeyPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(ownerKind, "ownerKind");
        Objects.requireNonNull(ownerId, "ownerId");
        scopes = Set.copyOf(scopes);
    }

    /** The kind of account a key belongs to. */
    public enum OwnerKind {
        OPERATOR, BUSINESS
    }

    /** A stable identifier of the caller, used to scope idempotency keys and audit records. */
    public String callerId() {
        return ownerKind.name().toLowerCase(java.util.Locale.ROOT) + ":" + ownerId;
    }
}
