package io.bastion.acquiring;

import io.bastion.vault.CardToken;
import io.bastion.vault.MaskedCard;
import io.bastion.vault.ReferenceKind;
import io.bastion.vault.Vault;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Cards saved with a merchant, with the customer's consent. The consent is recorded when the customer
 * ticks the box (pending); the card becomes usable only after its first payment succeeds (active), and
 * only then does the merchant mandate keep the vault token alive. A failed first payment discards it.
 */
@Service
public final class SavedCards {

    private static final String CONSENT_TEXT = "Save this card so %s can charge it for future payments. "
            + "You can ask %s to remove it at any time.";

    private static final String COLUMNS = """
            id, merchant_id, customer_email, card_brand, card_last4, expiry_month, expiry_year, consent_text,
            consent_at, consent_ip, initial_payment_intent, initial_network_reference, initial_ds_trans_id,
            initial_eci, status, created_at""";

    private final JdbcClient jdbc;
    private final Vault vault;
    private final Clock clock;

    SavedCards(JdbcClient jdbc, Vault vault, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The words the hosted page shows next to the box for this merchant, stored with each consent. */
    public static String consentText(String merchantName) {
        return CONSENT_TEXT.formatted(merchantName, merchantName);
    }

    /** Records the customer's consent to save the card of this payment; the card waits for the payment. */
    void consent(PaymentIntent intent, CardToken token, MaskedCard card, String merchantName, String ip) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO acquiring_saved_card (id, merchant_id, customer_email, card_token, card_brand, card_last4,
                    expiry_month, expiry_year, consent_text, consent_at, consent_ip, initial_payment_intent, status,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(Ids.next("pm"), intent.merchantId(), intent.customerEmail(), token.value(),
                        card.brand().name().toLowerCase(java.util.Locale.ROOT), card.last4(), card.expiryMonth(),
                        card.expiryYear(), consentText(merchantName), now, ip, intent.id(),
                        now, now)
                .update();
    }

    /** The first payment succeeded: the card is saved, and the mandate keeps its vault token. */
    void activate(PaymentIntent intent, String networkReference) {
        Optional<String[]> pending = jdbc.sql("""
                UPDATE acquiring_saved_card SET status = 'active', initial_network_reference = ?,
                    initial_ds_trans_id = ?, initial_eci = ?, updated_at = ?
                WHERE initial_payment_intent = ? AND status = 'pending' RETURNING id, card_token""")
                .params(networkReference, intent.threeDs().dsTransID(), intent.threeDs().eci(),
                        OffsetDateTime.now(clock), intent.id())
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        pending.ifPresent(row -> vault.reference(new CardToken(row[1]), ReferenceKind.MERCHANT_MANDATE, row[0]));
    }

    /** The first payment failed: the consent stays on record, the card is not saved. */
    void discard(String intentId) {
        jdbc.sql("""
                UPDATE acquiring_saved_card SET status = 'detached', updated_at = ?
                WHERE initial_payment_intent = ? AND status = 'pending'""")
                .params(OffsetDateTime.now(clock), intentId).update();
    }

    /** The merchant's saved card, if it exists and is theirs. */
    public Optional<SavedCard> find(String merchantId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acquiring_saved_card WHERE id = ? AND merchant_id = ?")
                .params(id, merchantId).query(SavedCards::card).optional();
    }

    /** The saved card of a payment, if the customer saved it there. */
    public Optional<SavedCard> ofPayment(String merchantId, String intentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM acquiring_saved_card WHERE initial_payment_intent = ? AND merchant_id = ?")
                .params(intentId, merchantId).query(SavedCards::card).optional();
    }

    /** The merchant's active saved cards, newest first, optionally for one customer e-mail. */
    public List<SavedCard> list(String merchantId, String customerEmail, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM acquiring_saved_card WHERE merchant_id = ? AND status = 'active'
                  AND (CAST(? AS text) IS NULL OR customer_email = ?)
                ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(merchantId, customerEmail, customerEmail, limit).query(SavedCards::card).list();
    }

    /** Detaches an active saved card: it can no longer be charged and its vault token may age out. */
    public boolean detach(String merchantId, String id) {
        Optional<String> token = jdbc.sql("""
                UPDATE acquiring_saved_card SET status = 'detached', updated_at = ?
                WHERE id = ? AND merchant_id = ? AND status = 'active' RETURNING card_token""")
                .params(OffsetDateTime.now(clock), id, merchantId).query(String.class).optional();
        token.ifPresent(t -> vault.release(new CardToken(t), ReferenceKind.MERCHANT_MANDATE, id));
        return token.isPresent();
    }

    private static SavedCard card(ResultSet rs, int n) throws SQLException {
        return new SavedCard(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant(),
                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getObject(16, OffsetDateTime.class).toInstant());
    }
}
