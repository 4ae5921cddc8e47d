package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserlessSession;
import io.bastion.testing.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Nothing Bastion answers tells whether an e-mail address has an account, or whether an account is
 * locked: sign-up, sign-in and password reset give the same status, the same page and about the same
 * timing either way.
 */
@BastionTest
@TestPropertySource(properties = "bastion.rate-limits.enabled=false")
class NoEnumerationTests {

    /** Timed answers may differ by at most this share of their mean; the Argon2 work dominates each. */
    static final double TIMING_SPREAD_MAX = 0.40;
    static final int TIMED_TRIES = 9;
    static final int FASTEST_TRIES = 3;

    @Autowired
    TestClient client;
    @Autowired
    UserStore users;

    @Autowired
    ApplicationContext context;

    TestAccounts accounts;

    @BeforeEach
    void setUp() {
        accounts = TestAccounts.of(context);
    }

    private static Map<String, String> signUpForm(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("kind", "individual");
        form.put("name", "Pat Example");
        form.put("email", email);
        form.put("phone", TestAccounts.randomPhone());
        form.put("password", TestAccounts.randomPassword());
        return form;
    }

    @Test
    void signingUpWithATakenAddressLooksExactlyLikeANewSignUpAndTellsTheOwner() {
        TestAccounts.Person owner = accounts.person();
        BrowserlessSession taken = new BrowserlessSession(client);
        BrowserlessSession fresh = new BrowserlessSession(client);
        taken.get("/signup");
        fresh.get("/signup");

        BrowserlessSession.Page takenAnswer = taken.post("/signup", signUpForm(owner.email()));
        BrowserlessSession.Page freshAnswer = fresh.post("/signup", signUpForm(TestAccounts.randomEmail()));

        assertThat(takenAnswer.status()).isEqualTo(freshAnswer.status()).isEqualTo(302);
        assertThat(takenAnswer.redirectPath()).isEqualTo(freshAnswer.redirectPath()).isEqualTo("/signup/verify");
        BrowserlessSession.Page takenPage = taken.follow(takenAnswer);
        BrowserlessSession.Page freshPage = fresh.follow(freshAnswer);
        assertThat(takenPage.status()).isEqualTo(freshPage.status()).isEqualTo(200);
        assertThat(takenPage.bodyWithoutCsrf()).isEqualTo(freshPage.bodyWithoutCsrf());

        assertThat(accounts.messagesTo(owner.email()))
                .anySatisfy(m -> assertThat(m.subject()).isEqualTo("Someone tried to open a Bastion account with your address"));
    }

    @Test
    void signingInCannotTellAnUnknownAddressFromAWrongPasswordOrALockedAccount() {
        TestAccounts.Person locked = accounts.person();
        users.recordPasswordFailure(locked.id(), 0, Instant.now().plus(Duration.ofHours(1)), 1);
        List<TestAccounts.Person> wrongs = List.of(accounts.person(), accounts.person(), accounts.person(), accounts.person());
        String unknown = TestAccounts.randomEmail();
        BrowserlessSession browser = new BrowserlessSession(client);
        browser.get("/login");

        int[] wrongTries = {0};
        Supplier<BrowserlessSession.Page> unknownTry = () -> login(browser, unknown, TestAccounts.randomPassword());
        Supplier<BrowserlessSession.Page> lockedTry = () -> login(browser, locked.email(), locked.password());
        // Three wrong tries per account at most, so none of these accounts locks during the test.
        Supplier<BrowserlessSession.Page> wrongTry = () -> {
            TestAccounts.Person person = wrongs.get(wrongTries[0]++ % wrongs.size());
            return login(browser, person.email(), TestAccounts.randomPassword());
        };

        BrowserlessSession.Page unknownPage = unknownTry.get();
        BrowserlessSession.Page wrongPage = wrongTry.get();
        BrowserlessSession.Page lockedPage = lockedTry.get();
        assertThat(List.of(unknownPage.status(), wrongPage.status(), lockedPage.status())).containsOnly(200);
        assertThat(samePage(unknownPage, unknown)).isEqualTo(samePage(wrongPage, wrongs.get(0).email()))
                .isEqualTo(samePage(lockedPage, locked.email()))
                .contains("That e-mail and password do not match an account we can sign in.");

        assertSimilarTiming(List.of(unknownTry, wrongTry, lockedTry), TIMED_TRIES);
    }

    private static BrowserlessSession.Page login(BrowserlessSession browser, String email, String password) {
        return browser.post("/login", Map.of("email", email, "password", password));
    }

    /** The page with the echoed e-mail address and the CSRF token taken out. */
    private static String samePage(BrowserlessSession.Page page, String email) {
        return page.bodyWithoutCsrf().replace(email, "EMAIL");
    }

    @Test
    void askingForAResetLinkLooksTheSameForAnyAddress() {
        TestAccounts.Person known = accounts.person();
        String unknown = TestAccounts.randomEmail();
        BrowserlessSession browser = new BrowserlessSession(client);
        browser.get("/password/reset");

        BrowserlessSession.Page knownAnswer = browser.post("/password/reset", Map.of("email", known.email()));
        BrowserlessSession.Page unknownAnswer = browser.post("/password/reset", Map.of("email", unknown));
        assertThat(knownAnswer.status()).isEqualTo(unknownAnswer.status()).isEqualTo(302);
        assertThat(knownAnswer.redirectPath()).isEqualTo(unknownAnswer.redirectPath()).isEqualTo("/password/reset?sent");
        assertThat(browser.follow(knownAnswer).bodyWithoutCsrf()).isEqualTo(browser.follow(unknownAnswer).bodyWithoutCsrf())
                .contains("If an account exists for that address, we sent it a link");
        assertThat(accounts.resetToken(known.email())).isNotBlank();
        assertThat(accounts.messagesTo(unknown)).isEmpty();

        assertSimilarTiming(List.of(
                () -> browser.post("/password/reset", Map.of("email", known.email())),
                () -> browser.post("/password/reset", Map.of("email", TestAccounts.randomEmail()))), 6);
    }

    /**
     * Times each kind of try, interleaved in a rotating order so that load on the (shared) machine
     * affects all alike, and compares the mean of each kind's {@link #FASTEST_TRIES} fastest answers:
     * the fastest are the least disturbed by other work, while a real difference (an Argon2 hash
     * skipped, tens of milliseconds) shows in every answer. The means must stay within
     * {@link #TIMING_SPREAD_MAX} of their overall mean.
     */
    private static void assertSimilarTiming(List<Supplier<BrowserlessSession.Page>> kinds, int tries) {
        long[][] nanos = new long[kinds.size()][tries];
        for (int round = 0; round < tries; round++) {
            for (int i = 0; i < kinds.size(); i++) {
                int k = (i + round) % kinds.size();
                long started = System.nanoTime();
                kinds.get(k).get();
                nanos[k][round] = System.nanoTime() - started;
            }
        }
        List<Double> means = new ArrayList<>();
        for (long[] times : nanos) {
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            means.add(Arrays.stream(sorted, 0, Math.min(FASTEST_TRIES, sorted.length)).average().orElseThrow());
        }
        double overall = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double spread = means.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - means.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(spread).as("spread of mean answer times %s ns around %s ns", means, overall)
                .isLessThan(TIMING_SPREAD_MAX * overall);
    }
}
