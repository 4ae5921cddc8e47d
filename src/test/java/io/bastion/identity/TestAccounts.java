package io.bastion.identity;

import io.bastion.notification.DevInbox;
import io.bastion.testing.BrowserlessSession;
import io.bastion.notification.InboxMessage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;

/**
 * Makes verified customers for identity tests straight through the user store (fresh random e-mail
 * and phone each time, since every test shares one database), and acts as their phone and inbox.
 */
final class TestAccounts {

    static final Pattern SIX_DIGITS = Pattern.compile("\\b([0-9]{6})\\b");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserStore users;
    private final PasswordHashing hashing;
    private final AccountSecurity security;
    private final Totp totp;
    private final DevInbox inbox;
    private final Clock clock;

    TestAccounts(UserStore users, PasswordHashing hashing, AccountSecurity security, Totp totp, DevInbox inbox, Clock clock) {
        this.users = users;
        this.hashing = hashing;
        this.security = security;
        this.totp = totp;
        this.inbox = inbox;
        this.clock = clock;
    }

    /** The fixture over the beans of a running Bastion. */
    static TestAccounts of(ApplicationContext context) {
        return new TestAccounts(context.getBean(UserStore.class), context.getBean(PasswordHashing.class),
                context.getBean(AccountSecurity.class), context.getBean(Totp.class), context.getBean(DevInbox.class),
                context.getBean(Clock.class));
    }

    /** A verified customer; {@code totpSecret} is null until {@link #withTotp(Person)}. */
    record Person(String id, String email, String phone, String password, String totpSecret) {
    }

    static String randomEmail() {
        return "p" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + "@example.test";
    }

    static String randomPhone() {
        return "+4479" + String.format("%09d", RANDOM.nextInt(1_000_000_000));
    }

    static String randomPassword() {
        return "quiet river lantern " + HexFormat.of().toHexDigits(RANDOM.nextInt());
    }

    Person person() {
        String id = RandomIds.id("usr");
        Person person = new Person(id, randomEmail(), randomPhone(), randomPassword(), null);
        users.insert(id, UserAccount.Kind.CUSTOMER, null, person.email(), person.phone(), "Test Person",
                hashing.hash(person.password()));
        users.markEmailVerified(id);
        users.markPhoneVerified(id);
        return person;
    }

    /** Switches the authenticator app on with a code from one step ago, so codes for now and the next step stay usable. */
    Person withTotp(Person person) {
        String secret = security.startTotp(person.id()).base32Secret();
        // A second try covers the rare case of a 30-second step ending between making the code and checking it.
        for (int attempt = 0; attempt < 2; attempt++) {
            if (security.confirmTotp(person.id(), secret, totp.codeAt(secret, clock.instant().minusSeconds(30)), "127.0.0.1")) {
                return new Person(person.id(), person.email(), person.phone(), person.password(), secret);
            }
        }
        throw new IllegalStateException("could not enable TOTP");
    }

    /** The authenticator code for now; {@code stepsAhead} 1 gives a code the replay guard has not seen yet. */
    String totpCode(Person person, int stepsAhead) {
        return totp.codeAt(person.totpSecret(), clock.instant().plusSeconds(30L * stepsAhead));
    }

    /** Opens the sign-in page and posts an e-mail and password, as a person at a browser would. */
    static BrowserlessSession.Page logIn(BrowserlessSession browser, String email, String password) {
        browser.get("/login");
        return browser.post("/login", Map.of("email", email, "password", password));
    }

    List<InboxMessage> messagesTo(String recipient) {
        return inbox.newestTo(recipient);
    }

    /** The first match of a pattern's first group in the newest message to a recipient whose body has it. */
    String newest(String recipient, Pattern pattern) {
        for (InboxMessage message : inbox.newestTo(recipient)) {
            Matcher matcher = pattern.matcher(message.body());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no message to " + recipient + " matches " + pattern);
    }

    /** The token of the newest reset link e-mailed to an address. */
    String resetToken(String email) {
        return newest(email, Pattern.compile("/password/reset/([A-Za-z0-9_.\\-]+)"));
    }
}
