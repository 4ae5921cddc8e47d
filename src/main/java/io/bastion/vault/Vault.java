package io.bastion.vault;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import io.bastion.shared.DeferredCommit;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
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

    /** 25 characters of 62: about 148 bits, more than the 144 of the 18 random bytes tokens had before. */
    static final int TOKEN_RANDOM_CHARACTERS = 25;
    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final int NAME_LENGTH_MAX = 100;
    static final int REFERENCE_ID_LENGTH_MAX = 100;
    static final String DETAILS_FIELD = "details";
    static final String PAN_FIELD = "pan";
    static final String CVV_FIELD = "cvv";
    /** The longest a CVV2 may wait in the vault for its authorization. */
    public static final Duration CVV_HOLD_MAX = Duration.ofMinutes(20);
    /**
     * How many tokens' masked cards are remembered, and for how long (a token's card never changes; only a purge
     * ends it, and the purges of this process forget what they purge). 100,000 entries, about 30 MB, cover ten
     * minutes of cards typed at 150 a second.
     */
    static final int CARDS_REMEMBERED_MAX = 100_000;
    static final Duration CARD_REMEMBERED_FOR = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final VaultCrypto crypto;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * The masked cards (BIN, last four digits, brand, expiry) of tokens this process stored or read lately: the
     * payment page pays with the card it stored a moment before, and acquiring, then the Directory Server, route
     * the payment by it. Nothing secret is kept: no card number, no CVV2, no cardholder name.
     */
    private final Cache<String, MaskedCard> cards = Caffeine.newBuilder().maximumSize(CARDS_REMEMBERED_MAX)
            .expireAfterWrite(CARD_REMEMBERED_FOR).build();

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
        cards.put(token.value(), new MaskedCard(number.first6(), number.last4(), number.brand(), expiry.month(),
                expiry.year()));
        return token;
    }

    /**
     * What anyone may see of a stored card; throws when the token is unknown or purged. A card this process stored
     * or read in the last {@link #CARD_REMEMBERED_FOR} is answered from memory, unless this process purged it since
     * (a purge by another process in that time shows only when the card itself is asked for).
     */
    public MaskedCard masked(CardToken token) {
        Objects.requireNonNull(token, "token");
        MaskedCard known = cards.getIfPresent(token.value());
        if (known != null) {
            return known;
        }
        StoredCard card = load(token);
        String[] details = crypto.open(card.details(), token.value(), DETAILS_FIELD).split("\\|", 2);
        Expiry expiry = Expiry.parse(details[0]);
        MaskedCard masked = new MaskedCard(card.first6(), card.last4(), card.brand(), expiry.month(), expiry.year());
        cards.put(token.value(), masked);
        return masked;
    }

    /** Forgets what this process remembers of purged tokens, so that {@link #masked} no longer answers for them. */
    void forget(java.util.Collection<String> purgedTokens) {
        cards.invalidateAll(purgedTokens);
    }

    /**
     * The full card behind a token, for the authorization path or the cardholder's own view. The audit
     * log records every call (who, from where, for which purpose; never the card number) before the
     * card leaves the vault, so an unrecorded detokenization cannot happen.
     */
    public CardDetails detokenize(CardToken token, DetokenizationPurpose purpose, String actor, String originIp) {
        return detokenize(token, purpose, actor, originIp, false);
    }

    /**
     * As {@link #detokenize}, for a card that is only checked inside this process (the issuer's CVV2 check) by a
     * flow whose last write, before its answer leaves Bastion, is a synchronous commit: the audit entry is
     * committed before the card leaves the vault, but its commit does not wait for the disk
     * ({@link AuditLog#record(AuditRecord, boolean)}). A crash before the flow's synchronous commit loses the entry only
     * together with everything the flow did with the card.
     */
    public CardDetails detokenizeCommittingLater(CardToken token, DetokenizationPurpose purpose, String actor,
                                                 String originIp) {
        return detokenize(token, purpose, actor, originIp, true);
    }

    private CardDetails detokenize(CardToken token, DetokenizationPurpose purpose, String actor, String originIp,
                                   boolean commitLater) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(actor, "actor");
        StoredCard card;
        try {
            card = load(token);
        } catch (NoSuchElementException e) {
            audit.record(new AuditRecord(actor, "vault.detokenize", token.value(), AuditRecord.Outcome.FAILURE,
                    originIp, Map.of("purpose", purpose.name(), "reason", "TOKEN_MUST_EXIST")), commitLater);
            throw e;
        }
        audit.record(new AuditRecord(actor, "vault.detokenize", token.value(), AuditRecord.Outcome.SUCCESS,
                originIp, Map.of("purpose", purpose.name(), "card", card.first6() + "******" + card.last4())), commitLater);
        CardNumber number = CardNumber.of(crypto.open(card.pan(), token.value(), PAN_FIELD));
        String[] details = crypto.open(card.details(), token.value(), DETAILS_FIELD).split("\\|", 2);
        return new CardDetails(number, Expiry.parse(details[0]), details[1]);
    }

    /** True when the vault holds a live token for this card, recognised by fingerprint without decrypting. */
    public boolean knows(CardNumber number) {
        Objects.requireNonNull(number, "number");
        List<byte[]> fingerprints = crypto.fingerprintsUnderEveryKey(number);
        return jdbc.sql(KNOWN).param(fingerprints.toArray(new byte[0][])).query(Long.class).single() > 0;
    }

    /**
     * The newest live token made for a purpose for this card, recognised by fingerprint without decrypting:
     * how the issuer finds its own card from the number a payment carries.
     */
    public Optional<CardToken> findToken(CardNumber number, TokenPurpose purpose) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(purpose, "purpose");
        List<byte[]> fingerprints = crypto.fingerprintsUnderEveryKey(number);
        return jdbc.sql(NEWEST_BY_FINGERPRINT).params(fingerprints.toArray(new byte[0][]), purpose.name())
                .query(String.class).optional().map(CardToken::new);
    }

    /*
     * The fingerprint lookups, each of them one probe of the (fingerprint, purpose, created_at) index per fingerprint,
     * in a shape that leaves the planner no other index to reach for. They matter most on a new database, whose
     * tables have no statistics until autovacuum first analyzes them: the planner then guessed that a condition on
     * the fingerprint's key id, or a walk of the (purpose, created_at) index newest first, would soon meet the
     * card, and read every card of the key or of the purpose instead (15,000 rows per payment in a benchmark).
     * Each fingerprint therefore goes through a lateral subquery with a limit, which runs once per fingerprint and
     * is ordered like the index, and none names the key id: a fingerprint is a MAC under its key, so two keys
     * giving the same fingerprint would take a 256-bit collision. VaultPlanTests clears the statistics and counts
     * the pages each lookup reads.
     */

    /** Parameter: the card's fingerprints under every key. Counts those that some live token has. */
    static final String KNOWN = """
            SELECT count(*) FROM unnest(?::bytea[]) given(fingerprint)
            CROSS JOIN LATERAL (
                SELECT 1 FROM vault_card c WHERE c.fingerprint = given.fingerprint AND c.purged_at IS NULL LIMIT 1) live""";

    /** Parameters: the card's fingerprints under every key, the purpose. */
    static final String NEWEST_BY_FINGERPRINT = """
            SELECT newest.token FROM unnest(?::bytea[]) given(fingerprint)
            CROSS JOIN LATERAL (
                SELECT c.token, c.created_at FROM vault_card c
                WHERE c.fingerprint = given.fingerprint AND c.purpose = ? AND c.purged_at IS NULL
                ORDER BY c.created_at DESC, c.token LIMIT 1) newest
            ORDER BY newest.created_at DESC, newest.token LIMIT 1""";

    /**
     * The newest live token made for a purpose for the same card as another token, matched by fingerprint
     * without decrypting anything: how the issuer finds its issued card from the one-off token a payment page
     * made. Empty when either token is unknown or purged.
     */
    public Optional<CardToken> findToken(CardToken sameCardAs, TokenPurpose purpose) {
        Objects.requireNonNull(sameCardAs, "sameCardAs");
        Objects.requireNonNull(purpose, "purpose");
        return jdbc.sql(SAME_CARD).params(purpose.name(), sameCardAs.value())
                .query(String.class).optional().map(CardToken::new);
    }

    /** Parameters: the purpose, the given token. The given token's row by primary key, then its card's newest token. */
    static final String SAME_CARD = """
            SELECT other.token FROM vault_card given
            CROSS JOIN LATERAL (
                SELECT o.token FROM vault_card o
                WHERE o.fingerprint = given.fingerprint AND o.purpose = ? AND o.purged_at IS NULL
                ORDER BY o.created_at DESC, o.token LIMIT 1) other
            WHERE given.token = ? AND given.purged_at IS NULL""";

    /**
     * Holds a card's CVV2 for the one authorization that follows its entry, encrypted and bound to the token,
     * for at most {@link #CVV_HOLD_MAX}. PCI DSS (requirement 3.3.1.2) allows sensitive authentication data
     * to be kept only until authorization completes: the authorization path takes it once with
     * {@link #takeCvv}, an expired hold is never returned, and {@code VaultMaintenance} deletes what nobody
     * took. A new hold for the same token replaces the earlier one.
     */
    public void holdCvv(CardToken token, Cvv cvv, Duration ttl) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(cvv, "cvv");
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(CVV_HOLD_MAX) > 0) {
            throw new IllegalArgumentException("a CVV may be held for more than zero and at most " + CVV_HOLD_MAX);
        }
        VaultCrypto.Sealed sealed = crypto.seal(cvv.digits(), token.value(), CVV_FIELD);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Integer held = transactions.execute(status -> jdbc.sql("""
                INSERT INTO vault_cvv_hold (token, cvv_ciphertext, key_id, created_at, expires_at)
                SELECT token, ?, ?, ?, ? FROM vault_card WHERE token = ? AND purged_at IS NULL
                ON CONFLICT (token) DO UPDATE SET cvv_ciphertext = EXCLUDED.cvv_ciphertext, key_id = EXCLUDED.key_id,
                                                  created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at""")
                .params(sealed.ciphertext(), sealed.keyId(), now, now.plus(ttl), token.value()).update());
        if (held == null || held == 0) {
            throw new NoSuchElementException("no live card for token " + token);
        }
    }

    /**
     * Takes the held CVV2 of a token: the row is deleted by the same statement that reads it, so a CVV2 is
     * read at most once. Empty when none is held or the hold has expired (an expired one is deleted too).
     */
    public Optional<Cvv> takeCvv(CardToken token) {
        return takeCvv(token, false);
    }

    /**
     * As {@link #takeCvv(CardToken)}, but the deletion's commit does not wait for the disk ({@link DeferredCommit}):
     * for a flow in which the CVV2 stays inside Bastion and a synchronous commit follows before anything leaves it
     * (the on-us authorization, which ends with acquiring's synchronous last move). Until then a crash
     * can only bring the hold back as it was before the flow took it, where it still expires and is deleted.
     */
    public Optional<Cvv> takeCvvCommittingLater(CardToken token) {
        return takeCvv(token, true);
    }

    private Optional<Cvv> takeCvv(CardToken token, boolean deferCommit) {
        Objects.requireNonNull(token, "token");
        OffsetDateTime now = OffsetDateTime.now(clock);
        // One statement, so it needs no transaction of its own: it commits by itself, in one round trip.
        List<HeldCvv> taken = jdbc.sql("DELETE FROM vault_cvv_hold WHERE token = ?"
                        + (deferCommit ? " AND " + DeferredCommit.CONDITION : "") + " RETURNING cvv_ciphertext, expires_at")
                .param(token.value())
                .query((rs, n) -> new HeldCvv(rs.getBytes(1), rs.getObject(2, OffsetDateTime.class)))
                .list();
        return taken.stream().filter(held -> held.expiresAt().isAfter(now)).findFirst()
                .map(held -> Cvv.of(crypto.open(held.ciphertext(), token.value(), CVV_FIELD)));
    }

    /**
     * The first six digits of a token's card, kept in clear beside the ciphertext; nothing is decrypted. A token
     * this process stored or read in the last {@link #CARD_REMEMBERED_FOR} is answered from memory (as by
     * {@link #masked}: the BIN only routes, and whoever then asks for the card finds it gone); any other must be live.
     */
    Optional<String> first6(CardToken token) {
        MaskedCard known = cards.getIfPresent(token.value());
        if (known != null) {
            return Optional.of(known.first6());
        }
        return jdbc.sql("SELECT first6 FROM vault_card WHERE token = ? AND purged_at IS NULL")
                .param(token.value()).query(String.class).optional();
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

    /**
     * Letters and digits only: the token travels as the acctNumber of 3-D Secure messages, whose format
     * ({@code tok_[A-Za-z0-9]{8,60}}) has no room for the '-' and '_' of base64url.
     */
    private String randomPart() {
        StringBuilder part = new StringBuilder(TOKEN_RANDOM_CHARACTERS);
        for (int i = 0; i < TOKEN_RANDOM_CHARACTERS; i++) {
            part.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        return part.toString();
    }

    static String detailsText(Expiry expiry, String cardholderName) {
        return expiry.month() + "/" + expiry.year() + "|" + cardholderName;
    }

    /** A held CVV2, still encrypted. */
    private record HeldCvv(byte[] ciphertext, OffsetDateTime expiresAt) {
    }

    /** A live row of the vault, still encrypted. */
    private record StoredCard(String first6, String last4, CardBrand brand, byte[] pan, byte[] details) {
    }
}
