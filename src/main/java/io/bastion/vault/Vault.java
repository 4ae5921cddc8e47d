package io.bastion.vault;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card vault's facade: the only way into the vault's schema, whose tables the application's own
 * database role cannot read. Every call to {@link #tokenize} makes a new token, even for a card the
 * vault already holds: a token is a capability handed to one holder (a merchant's mandate, an issued
 * card), and sharing it would link one holder's card to another's and tie their retention together.
 * The fingerprint still recognises the card ({@link #knows}) without decrypting anything.
 */
public final class Vault {

    static final int TOKEN_RANDOM_BYTES = 18;
    static final int NAME_LENGTH_MAX = 100;
    static final int REFERENCE_ID_LENGTH_MAX = 100;
    static final String DETAILS_FIELD = "details";
    static final String PAN_FIELD = "pan";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final VaultCrypto crypto;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Vault(JdbcClient jdbc, TransactionTemplate transactions, VaultCrypto crypto, AuditLog audit, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores a card encrypted and returns a new random token for it; an expired card is refused. */
    public CardToken tokenize(CardNumber number, Expiry expiry, String cardholderName, TokenPurpose purpose) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(cardholderName, "cardholderName");
        Objects.requireNonNull(purpose, "purpose");
        if (expiry.isExpiredAt(clock)) {
            throw new IllegalArgumentException("card refused: EXPIRY_MUST_BE_IN_THE_FUTURE");
        }
        if (cardholderName.length() > NAME_LENGTH_MAX) {
            throw new IllegalArgumentException("cardholder name longer than " + NAME_LENGTH_MAX);
        }
        CardToken token = new CardToken(CardToken.PREFIX + randomPart());
        VaultCrypto.Sealed pan = crypto.seal(number.digits(), token.value(), PAN_FIELD);
        VaultCrypto.Sealed details = crypto.seal(detailsText(expiry, cardholderName), token.value(), DETAILS_FIELD);
        VaultCrypto.Fingerprint fingerprint = crypto.fingerprint(number);
        if (pan.keyId() != details.keyId()) {
            throw new IllegalStateException("the vault keyset changed between two encryptions; retry");
        }
        transactions.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO vault_card (token, purpose, brand, first6, last4, pan_ciphertext, details_ciphertext, key_id,
                                        fingerprint, fingerprint_key_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(token.value(), purpose.name(), number.brand().name(), number.first6(), number.last4(),
                        pan.ciphertext(), details.ciphertext(), pan.keyId(), fingerprint.value(), fingerprint.keyId(),
                        OffsetDateTime.now(clock))
                .update());
        return token;
    }

    /** What anyone may see of a stored card; throws when the token is unknown or purged. */
    public MaskedCard masked(CardToken token) {
        Objects.requireNonNull(token, "token");
        StoredCard card = load(token);
        String[] details = crypto.open(card.details(), token.value(), DETAILS_FIELD).split("\\|", 2);
        Expiry expiry = Expiry.parse(details[0]);
        return new MaskedCard(card.first6(), card.last4(), card.brand(), expiry.month(), expiry.year());
    }

    /**
     * The full card behind a token, for the authorization path or the cardholder's own view. The audit
     * log records every call (who, from where, for which purpose; never the card number) before the
     * card leaves the vault, so an unrecorded detokenization cannot happen.
     */
    public CardDetails detokenize(CardToken token, DetokenizationPurpose purpose, String actor, String originIp) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(actor, "actor");
        StoredCard card;
        try {
            card = load(token);
        } catch (NoSuchElementException e) {
            audit.record(new AuditRecord(actor, "vault.detokenize", token.value(), AuditRecord.Outcome.FAILURE,
                    originIp, Map.of("purpose", purpose.name(), "reason", "TOKEN_MUST_EXIST")));
            throw e;
        }
        audit.record(new AuditRecord(actor, "vault.detokenize", token.value(), AuditRecord.Outcome.SUCCESS,
                originIp, Map.of("purpose", purpose.name(), "card", card.first6() + "******" + card.last4())));
        CardNumber number = CardNumber.of(crypto.open(card.pan(), token.value(), PAN_FIELD));
        String[] details = crypto.open(card.details(), token.value(), DETAILS_FIELD).split("\\|", 2);
        return new CardDetails(number, Expiry.parse(details[0]), details[1]);
    }

    /** True when the vault holds a live token for this card, recognised by fingerprint without decrypting. */
    public boolean knows(CardNumber number) {
        Objects.requireNonNull(number, "number");
        List<byte[]> fingerprints = crypto.fingerprintsUnderEveryKey(number);
        return jdbc.sql("SELECT count(*) FROM vault_card WHERE purged_at IS NULL AND fingerprint = ANY(?)")
                .param(fingerprints.toArray(new byte[0][]))
                .query(Long.class).single() > 0;
    }

    /**
     * The newest live token made for a purpose for this card, recognised by fingerprint without decrypting:
     * how the issuer finds its own card from the number a payment carries.
     */
    public java.util.Optional<CardToken> findToken(CardNumber number, TokenPurpose purpose) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(purpose, "purpose");
        List<byte[]> fingerprints = crypto.fingerprintsUnderEveryKey(number);
        return jdbc.sql("""
                SELECT token FROM vault_card WHERE purged_at IS NULL AND purpose = ? AND fingerprint = ANY(?)
                ORDER BY created_at DESC LIMIT 1""")
                .params(purpose.name(), fingerprints.toArray(new byte[0][]))
                .query(String.class).optional().map(CardToken::new);
    }

    /** Records that something (an issued card, a merchant mandate) uses the token, keeping it from retention. */
    public void reference(CardToken token, ReferenceKind kind, String referenceId) {
        checkReference(token, kind, referenceId);
        int updated = transactions.execute(status -> jdbc.sql("""
                INSERT INTO vault_reference (token, kind, reference_id, created_at)
                SELECT token, ?, ?, ? FROM vault_card WHERE token = ? AND purged_at IS NULL
                ON CONFLICT DO NOTHING""")
                .params(kind.name(), referenceId, OffsetDateTime.now(clock), token.value()).update());
        if (updated == 0 && !referenced(token, kind, referenceId)) {
            throw new NoSuchElementException("no live card for token " + token);
        }
    }

    /** Removes a reference; once none is left the token ages out under its purpose's retention. */
    public void release(CardToken token, ReferenceKind kind, String referenceId) {
        checkReference(token, kind, referenceId);
        transactions.executeWithoutResult(status -> jdbc.sql(
                "DELETE FROM vault_reference WHERE token = ? AND kind = ? AND reference_id = ?")
                .params(token.value(), kind.name(), referenceId).update());
    }

    private boolean referenced(CardToken token, ReferenceKind kind, String referenceId) {
        return jdbc.sql("SELECT count(*) FROM vault_reference WHERE token = ? AND kind = ? AND reference_id = ?")
                .params(token.value(), kind.name(), referenceId).query(Long.class).single() > 0;
    }

    private static void checkReference(CardToken token, ReferenceKind kind, String referenceId) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(referenceId, "referenceId");
        if (referenceId.isBlank() || referenceId.length() > REFERENCE_ID_LENGTH_MAX) {
            throw new IllegalArgumentException("reference id must be 1 to " + REFERENCE_ID_LENGTH_MAX + " characters");
        }
    }

    private StoredCard load(CardToken token) {
        return jdbc.sql("""
                SELECT first6, last4, brand, pan_ciphertext, details_ciphertext FROM vault_card
                WHERE token = ? AND purged_at IS NULL""")
                .param(token.value())
                .query((rs, n) -> new StoredCard(rs.getString(1), rs.getString(2), CardBrand.valueOf(rs.getString(3)),
                        rs.getBytes(4), rs.getBytes(5)))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("no live card for token " + token));
    }

    private String randomPart() {
        byte[] bytes = new byte[TOKEN_RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String detailsText(Expiry expiry, String cardholderName) {
        return expiry.month() + "/" + expiry.year() + "|" + cardholderName;
    }

    /** A live row of the vault, still encrypted. */
    private record StoredCard(String first6, String last4, CardBrand brand, byte[] pan, byte[] details) {
    }
}
