package io.bastion.identity;

import io.bastion.notification.DevInbox;
import io.bastion.notification.InboxMessage;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates people for identity tests: fresh e-mail addresses and phone numbers, codes read from the dev inbox. */
final class IdentityFixtures {

    static final String PASSWORD = "correct horse staple battery";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SIX_DIGITS = Pattern.compile("(?<![0-9])([0-9]{6})(?![0-9])");

    private IdentityFixtures() {
    }

    static String email() {
        return "person" + Math.abs(RANDOM.nextLong()) + "@example.org";
    }

    static String phone() {
        return "+4477" + String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    /** The newest six-digit code sent to a recipient. */
    static String latestCode(DevInbox inbox, String recipient) {
        for (InboxMessage message : inbox.newestTo(recipient)) {
            Matcher m = SIX_DIGITS.matcher(message.body());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code was sent to " + recipient);
    }

    /** Signs up and verifies a customer; returns their user id. */
    static String verifiedCustomer(Registration registration, DevInbox inbox, String email, String phone, boolean business) {
        var outcome = registration.signUp(new Registration.SignUp(business, business ? "Acme Ltd" : "", "Ada Lovelace", email,
                phone, PASSWORD), "127.0.0.1");
        Optional<String> id = ((Registration.Outcome.CodesSent) outcome).userId();
        String userId = id.orElseThrow();
        if (!registration.verify(userId, latestCode(inbox, email), latestCode(inbox, phone), "127.0.0.1")) {
            throw new AssertionError("fixture could not verify " + email);
        }
        return userId;
    }
}
