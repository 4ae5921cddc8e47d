package io.bastion.identity;

import com.microsoft.playwright.Page;
import java.time.Instant;
import org.springframework.context.ApplicationContext;

/**
 * Verified customers with an authenticator app, for tests outside identity (wallets, payments): creates
 * them, reads their current codes, confirms confirmations and signs them in through the real pages.
 */
public final class TotpFixture {

    private final ConfirmationFixture people;
    private final Confirmations confirmations;
    private final Totp totp;
    private final UserStore users;
    private final PasswordHashing hashing;
    private final AccountSecurity security;

    public TotpFixture(ApplicationContext context) {
        this.people = new ConfirmationFixture(context);
        this.confirmations = context.getBean(Confirmations.class);
        this.totp = context.getBean(Totp.class);
        this.users = context.getBean(UserStore.class);
        this.hashing = context.getBean(PasswordHashing.class);
        this.security = context.getBean(AccountSecurity.class);
    }

    /** A customer as tests know them: id, contact points and the authenticator secret (null without one). */
    public record Customer(String id, String email, String phone, String totpSecret) {
    }

    /** A verified customer with an authenticator app. */
    public Customer verifiedCustomer() {
        ConfirmationFixture.Person p = people.person(true);
        return new Customer(p.id(), p.email(), p.phone(), p.totpSecret());
    }

    /** A member of staff in a role, with an authenticator app (staff must have a second factor). */
    public Customer staff(UserAccount.StaffRole role) {
        long n = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        String id = RandomIds.id("usr");
        String email = "staff-" + n + "@example.com";
        users.insert(id, UserAccount.Kind.STAFF, role, email, "+4479" + n, "Staff " + n, hashing.hash(ConfirmationFixture.PASSWORD));
        users.markEmailVerified(id);
        users.markPhoneVerified(id);
        String secret = security.startTotp(id).base32Secret();
        if (!security.confirmTotp(id, secret, totp.codeAt(secret, Instant.now().minusSeconds(30)), "127.0.0.1")) {
            throw new AssertionError("could not enrol the staff authenticator");
        }
        return new Customer(id, email, "+4479" + n, secret);
    }

    /** A customer whose e-mail and phone are not verified. */
    public Customer unverifiedCustomer() {
        long n = java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
        String id = RandomIds.id("usr");
        users.insert(id, UserAccount.Kind.CUSTOMER, null, "unv-" + n + "@example.com", "+4478" + n, "Unverified " + n,
                hashing.hash(ConfirmationFixture.PASSWORD));
        return new Customer(id, "unv-" + n + "@example.com", "+4478" + n, null);
    }

    /** The authenticator code a number of 30-second steps from now. */
    public String code(Customer customer, int stepsAhead) {
        return totp.codeAt(customer.totpSecret(), Instant.now().plusSeconds(30L * stepsAhead));
    }

    /** Confirms a confirmation with the next step's authenticator code (the current one was used at sign-up). */
    public Confirmations.Outcome confirm(Customer customer, String confirmationId) {
        return confirmations.confirm(customer.id(), confirmationId, SecondFactors.Method.TOTP, code(customer, 1), "127.0.0.1");
    }

    /** Confirms a confirmation with a code texted to the customer's phone, as read from the dev inbox. */
    public Confirmations.Outcome confirmBySms(Customer customer, String confirmationId) {
        if (confirmations.sendSmsCode(customer.id(), confirmationId, "127.0.0.1") != Confirmations.SmsOutcome.SENT) {
            throw new AssertionError("no confirmation code could be texted");
        }
        String code = people.smsCode(new ConfirmationFixture.Person(customer.id(), customer.email(), customer.phone(),
                customer.totpSecret())).group(1);
        return confirmations.confirm(customer.id(), confirmationId, SecondFactors.Method.SMS, code, "127.0.0.1");
    }

    /** Signs the customer in through the real pages. */
    public void signIn(Page page, Customer customer) {
        people.signIn(page, new ConfirmationFixture.Person(customer.id(), customer.email(), customer.phone(),
                customer.totpSecret()));
    }

    public static String password() {
        return ConfirmationFixture.PASSWORD;
    }
}
