package io.bastion.acquiring;

import io.bastion.acquiring.NetworkResult.DeclineReason;
import io.bastion.shared.Secret;
import java.util.Arrays;
import java.util.Optional;

/**
 * The test network's cards, each Luhn-valid in the test BIN range 400000-429999 and each with one fixed
 * behaviour (the table is repeated in docs/test-cards.md). Merchants confirm with the token
 * {@code pm_card_<token>}, never the number: raw card numbers in the API body would bring it into PCI
 * scope, and real card entry arrives with the hosted payment page and the vault.
 * <table>
 * <caption>Test cards</caption>
 * <tr><th>token</th><th>number</th><th>network answer</th></tr>
 * <tr><td>pm_card_visa</td><td>4242 4242 4242 4242</td><td>approved</td></tr>
 * <tr><td>pm_card_insufficient_funds</td><td>4000 0000 0000 9995</td><td>declined: insufficient_funds</td></tr>
 * <tr><td>pm_card_expired</td><td>4000 0000 0000 0069</td><td>declined: expired_card</td></tr>
 * <tr><td>pm_card_processing_error</td><td>4000 0000 0000 0119</td><td>declined: processing_error</td></tr>
 * <tr><td>pm_card_stolen</td><td>4100 0000 0000 0019</td><td>declined: stolen_card</td></tr>
 * <tr><td>pm_card_challenge</td><td>4000 0000 0000 3220</td><td>3-D Secure challenge (OTP), then approved</td></tr>
 * <tr><td>pm_card_frictionless</td><td>4000 0000 0000 3055</td><td>frictionless 3-D Secure, then approved</td></tr>
 * <tr><td>pm_card_timeout_approved</td><td>4000 0000 0000 0101</td><td>timeout; status query later: approved</td></tr>
 * <tr><td>pm_card_timeout_declined</td><td>4000 0000 0000 0127</td><td>connector throws; status query later: declined</td></tr>
 * </table>
 */
public enum TestCard {
    VISA("visa", "4242424242424242", Behaviour.APPROVE, null),
    INSUFFICIENT_FUNDS("insufficient_funds", "4000000000009995", Behaviour.DECLINE, DeclineReason.INSUFFICIENT_FUNDS),
    EXPIRED("expired", "4000000000000069", Behaviour.DECLINE, DeclineReason.EXPIRED_CARD),
    PROCESSING_ERROR("processing_error", "4000000000000119", Behaviour.DECLINE, DeclineReason.PROCESSING_ERROR),
    STOLEN("stolen", "4100000000000019", Behaviour.DECLINE, DeclineReason.STOLEN_CARD),
    CHALLENGE("challenge", "4000000000003220", Behaviour.CHALLENGE, null),
    FRICTIONLESS("frictionless", "4000000000003055", Behaviour.APPROVE, null),
    TIMEOUT_APPROVED("timeout_approved", "4000000000000101", Behaviour.TIMEOUT, null),
    TIMEOUT_DECLINED("timeout_declined", "4000000000000127", Behaviour.TIMEOUT, DeclineReason.DO_NOT_HONOR);

    /** What the test network does with a card. */
    enum Behaviour {
        APPROVE, DECLINE, CHALLENGE, TIMEOUT
    }

    /** The prefix of every test payment-method token. */
    public static final String TOKEN_PREFIX = "pm_card_";
    /** Test cards expire at the end of this year, far enough ahead for every test. */
    static final int EXPIRY_YEAR = 2035;

    private final String token;
    private final String number;
    private final Behaviour behaviour;
    private final DeclineReason reason;

    TestCard(String token, String number, Behaviour behaviour, DeclineReason reason) {
        this.token = token;
        this.number = number;
        this.behaviour = behaviour;
        this.reason = reason;
    }

    /** The full token merchants send, e.g. {@code pm_card_visa}. */
    public String token() {
        return TOKEN_PREFIX + token;
    }

    /** The card number; used only inside the test network and in tests that check it is stored nowhere. */
    public String number() {
        return number;
    }

    Behaviour behaviour() {
        return behaviour;
    }

    DeclineReason reason() {
        return reason;
    }

    NetworkCard card() {
        return new NetworkCard(new Secret(number), 12, EXPIRY_YEAR, null, null);
    }

    /** The test card a token names, if any. */
    public static Optional<TestCard> byToken(String token) {
        return Arrays.stream(values()).filter(c -> c.token().equals(token)).findFirst();
    }

    /** Whether the test network's issuer insists on a verified 3-D Secure authentication for this card. */
    boolean needsAuthentication() {
        return this == CHALLENGE || this == FRICTIONLESS;
    }

    /** The test card with these first six and last four digits (each test card is unique by them). */
    static Optional<TestCard> byMaskedDigits(String first6, String last4) {
        return Arrays.stream(values()).filter(c -> c.number.startsWith(first6) && c.number.endsWith(last4)).findFirst();
    }

    static Optional<TestCard> byNumber(String number) {
        return Arrays.stream(values()).filter(c -> c.number.equals(number)).findFirst();
    }
}
