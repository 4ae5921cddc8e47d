package io.bastion.threeds;

import io.bastion.keys.KeyPurpose;
import io.bastion.keys.Keys;
import io.bastion.notification.Notifications;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The ACS: answers AReqs for the card ranges of its issuers (Bastion's own cards through issuing's
 * {@link CardholderLookup}, the test network's through {@link TestNetworkCards}) with a risk-based decision,
 * and starts an SMS one-time-code challenge when it cannot decide frictionless.
 */
final class AccessControlServer {

    static final String ECI_AUTHENTICATED = "05";
    static final String ECI_NOT_AUTHENTICATED = "07";
    static final String REASON_AUTHENTICATION_FAILED = "01";
    static final String REASON_NO_CARD_RECORD = "08";
    static final String REASON_NOT_PERMITTED = "12";
    static final String REASON_NOT_ENROLLED = "13";
    static final String REASON_TIMED_OUT = "14";
    private static final int OTP_DIGITS_BOUND = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, CardholderLookup> issuers;
    private final ThreeDsTransactions transactions;
    private final AuthenticationValues values;
    private final Notifications notifications;
    private final Keys keys;
    private final AcsRules rules;
    private final String challengeUrl;
    private final Clock clock;

    AccessControlServer(Map<String, CardholderLookup> issuers, ThreeDsTransactions transactions,
            AuthenticationValues values, Notifications notifications, Keys keys, AcsRules rules, String challengeUrl,
            Clock clock) {
        this.issuers = Map.copyOf(issuers);
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.values = Objects.requireNonNull(values, "values");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.challengeUrl = Objects.requireNonNull(challengeUrl, "challengeUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    boolean serves(String acsName) {
        return issuers.containsKey(acsName);
    }

    /** Receives an AReq document from the DS and answers an ARes or Erro document. */
    String authenticate(String acsName, String areqJson) {
        ParseResult<AReq> parsed = ThreeDsMessages.parse(areqJson, AReq.class);
        if (parsed instanceof ParseResult.Refused<AReq>(Erro error)) {
            return ThreeDsMessages.write(receivedBy(error));
        }
        AReq areq = ((ParseResult.Valid<AReq>) parsed).message();
        CardholderLookup issuer = issuers.get(acsName);
        if (areq.dsTransID() == null || issuer == null || areq.purchaseAmount().length() > 15) {
            return ThreeDsMessages.write(Erro.of(Erro.TRANSACTION_DATA_INVALID, 'A', "Transaction Data Not Valid",
                    areq.dsTransID() == null ? "dsTransID" : "purchaseAmount", "AReq"));
        }
        return ThreeDsMessages.write(decide(acsName, issuer, areq));
    }

    private ARes decide(String acsName, CardholderLookup issuer, AReq areq) {
        AccountToken token = areq.account();
        long amount = Long.parseLong(areq.purchaseAmount());
        String acsTransID = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Optional<CardholderLookup.Cardholder> found = issuer.cardholder(token);
        if (found.isEmpty()) {
            return deny(acsName, areq, acsTransID, REASON_NO_CARD_RECORD, now);
        }
        CardholderLookup.Cardholder card = found.get();
        if (card.status() != CardholderLookup.CardStatus.ACTIVE
                || !card.controlsAllow(amount, areq.purchaseCurrency(), areq.merchantCountryCode(), areq.mcc())) {
            return deny(acsName, areq, acsTransID, REASON_NOT_PERMITTED, now);
        }
        Optional<String> fixed = card.fixedDecision();
        if (fixed.map("Y"::equals).orElse(false) || fixed.isEmpty() && lowRisk(areq, card.cardKey(), amount)) {
            String value = values.issue(token.value(), amount, areq.purchaseCurrency(), areq.acquirerMerchantID(),
                    areq.dsTransID());
            transactions.insert(row(acsName, areq, acsTransID, ThreeDsStatus.AUTHENTICATED, "Y", null,
                    ECI_AUTHENTICATED, null, null, null), now, true);
            return ares(areq, acsTransID, "Y", null, ECI_AUTHENTICATED, value, null);
        }
        String phone = card.verifiedPhone();
        if (phone == null) {
            return deny(acsName, areq, acsTransID, REASON_NOT_ENROLLED, now);
        }
        String otp = newOtp();
        transactions.insert(row(acsName, areq, acsTransID, ThreeDsStatus.CHALLENGE_PENDING, "C", null, null,
                phone.substring(phone.length() - 4), otpHash(acsTransID, otp), now.plus(rules.otpValidity())), now, false);
        sendOtp(phone, areq.merchantName(), otp);
        return ares(areq, acsTransID, "C", null, null, null, challengeUrl + acsTransID);
    }

    /** The risk rule (docs/threeds.md): a small amount from a device the cardholder used at this merchant before. */
    private boolean lowRisk(AReq areq, String cardKey, long amount) {
        return amount <= rules.frictionlessAmountMax() && areq.deviceInfo() != null
                && transactions.knownDevice(cardKey, areq.deviceInfo(), areq.acquirerMerchantID());
    }

    /** The issuer's stable name of the card of a transaction, under which its devices are remembered. */
    String cardKey(AcsTransaction t) {
        CardholderLookup issuer = issuers.get(t.acsName());
        return issuer == null ? t.cardToken() : issuer.cardholder(new AccountToken(t.cardToken()))
                .map(CardholderLookup.Cardholder::cardKey).orElse(t.cardToken());
    }

    private ARes deny(String acsName, AReq areq, String acsTransID, String reason, Instant now) {
        transactions.insert(row(acsName, areq, acsTransID, ThreeDsStatus.FAILED, "N", reason,
                ECI_NOT_AUTHENTICATED, null, null, null), now, true);
        return ares(areq, acsTransID, "N", reason, ECI_NOT_AUTHENTICATED, null, null);
    }

    private static AcsTransaction row(String acsName, AReq areq, String acsTransID, ThreeDsStatus status,
            String transStatus, String reason, String eci, String phoneLastDigits, byte[] otpHash, Instant otpExpires) {
        return new AcsTransaction(acsTransID, areq.dsTransID(), areq.threeDSServerTransID(), acsName,
                areq.acctNumber(), Long.parseLong(areq.purchaseAmount()), areq.purchaseCurrency(),
                areq.acquirerMerchantID(), areq.merchantName(), areq.deviceInfo(), status, transStatus, reason, eci,
                null, phoneLastDigits, otpHash, otpExpires, 0, 0, null, areq.notificationURL());
    }

    private static ARes ares(AReq areq, String acsTransID, String transStatus, String reason, String eci,
            String value, String acsUrl) {
        return new ARes("ARes", ThreeDsMessage.VERSION, areq.threeDSServerTransID(), areq.dsTransID(), acsTransID,
                transStatus, reason, eci, value, acsUrl);
    }

    /** Sends a fresh code for a pending challenge to the phone the issuer has verified now. */
    void resendTo(AcsTransaction t, String otp) {
        String phone = issuers.get(t.acsName()).cardholder(new AccountToken(t.cardToken()))
                .map(CardholderLookup.Cardholder::verifiedPhone).orElse(null);
        if (phone != null) {
            sendOtp(phone, t.merchantName(), otp);
        }
    }

    private void sendOtp(String phone, String merchantName, String otp) {
        notifications.sendSms(phone, "Your code to pay " + merchantName + " is " + otp
                + ". It expires in " + rules.otpValidity().toMinutes() + " minutes. Never share it.");
    }

    static String newOtp() {
        return String.format("%06d", RANDOM.nextInt(OTP_DIGITS_BOUND));
    }

    byte[] otpHash(String acsTransID, String otp) {
        try {
            return keys.prf(KeyPurpose.THREEDS_OTP)
                    .computePrimary((acsTransID + "|" + otp).getBytes(StandardCharsets.UTF_8), 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("3DS code hash failed", e);
        }
    }

    private static Erro receivedBy(Erro error) {
        return Erro.of(error.errorCode(), 'A', error.errorDescription(), error.errorDetail(),
                error.errorMessageType());
    }
}
