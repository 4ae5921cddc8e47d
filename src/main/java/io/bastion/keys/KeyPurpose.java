package io.bastion.keys;

/** What a keyset is for; each purpose has its own keyset and its own kind of Tink primitive. */
public enum KeyPurpose {
    /** Encrypts idempotency records (stored responses may carry a freshly created secret). */
    IDEMPOTENCY_RECORDS(KeyKind.AEAD),
    /** Keyed hashes of API keys, so the database never holds a usable key. */
    API_KEY_HASH(KeyKind.PRF),
    /** Signs audit checkpoints. */
    AUDIT_CHECKPOINT(KeyKind.SIGNATURE),
    /** Keyed hashes of one-time codes and other short-lived secrets. */
    CODE_HASH(KeyKind.PRF),
    /** Encrypts personal data stored at rest (phone numbers, e-mail addresses in outbound messages). */
    PERSONAL_DATA(KeyKind.AEAD),
    /** Encrypts the shared secrets of authenticator apps (TOTP). */
    TOTP_SECRETS(KeyKind.AEAD),
    /** Encrypts card numbers, expiry dates and cardholder names in the vault; only the vault uses it. */
    VAULT_PAN(KeyKind.AEAD),
    /** Keyed fingerprints of card numbers, so the vault recognises a card without decrypting; vault only. */
    VAULT_FINGERPRINT(KeyKind.PRF),
    /** Keyed hashes of 3-D Secure challenge codes, so the database never holds a usable code. */
    THREEDS_OTP(KeyKind.PRF),
    /** The ACS key: authentication values are a PRF over the authenticated transaction's data. */
    THREEDS_ACS(KeyKind.PRF),
    /** The issuer's key for card verification values (CVV2), derived per card and never stored. */
    ISSUING_CVV(KeyKind.PRF),
    /** Encrypts merchants' webhook signing secrets (Bastion must read them back to sign). */
    WEBHOOK_SECRETS(KeyKind.AEAD);

    /** The keysets {@code keys rotate --vault} rotates; their records are re-encrypted by the vault's job. */
    public static final java.util.Set<KeyPurpose> VAULT = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(VAULT_PAN, VAULT_FINGERPRINT));

    private final KeyKind kind;

    KeyPurpose(KeyKind kind) {
        this.kind = kind;
    }

    public KeyKind kind() {
        return kind;
    }

    /** The Tink primitive family of a purpose, with the parameters new keys are generated from. */
    public enum KeyKind {
        AEAD("AES256_GCM"),
        PRF("HMAC_SHA256_PRF"),
        SIGNATURE("ED25519");

        private final String template;

        KeyKind(String template) {
            this.template = template;
        }

        String template() {
            return template;
        }
    }
}
