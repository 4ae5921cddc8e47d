package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bastion.shared.TimeText;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import io.bastion.testing.TestClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Support access and staff pages in real Chromium: staff, customers and the operator each in their own browser. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class SupportAccessBrowserTests {

    @Autowired
    TestClient client;
    @Autowired
    JsonMapper json;
    @Autowired
    UserStore users;
    @Autowired
    PasswordHashing hashing;
    @Autowired
    Totp totp;
    @Autowired
    Clock clock;

    PeopleFixture people;

    @BeforeEach
    void setUp() {
        people = new PeopleFixture(users, hashing, totp, clock);
    }

    @Test
    void aSupportGrantIsRequestedApprovedUsedAndRevoked(Page page, BrowserConsole console) {
        PeopleFixture.Person owner = people.customer("Olive Owner", true);
        String staffEmail = StaffApiTests.freshEmail();
        HttpResponse<String> created = client.postAsOperator("/v1/operator/staff",
                StaffApiTests.body(staffEmail, "support", StaffApiTests.STAFF_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        signInAndEnrol(page, staffEmail, StaffApiTests.STAFF_PASSWORD);
        page.navigate("/staff/support");
        page.locator("#request-access input[name=email]").fill(owner.email);
        page.locator("#request-access input[name=reason]").fill("You called about a card payment that failed");
        page.locator("#request-access select[name=scope]").selectOption("READ_ONLY");
        page.locator("#request-access button[type=submit]").click();
        assertThat(page.locator(".alert-info").textContent()).contains("Request sent");
        assertThat(page.locator("tr.request .state").textContent()).isEqualTo("PENDING");
        assertThat(page.navigate("/staff/customers/" + owner.id).status()).isEqualTo(404);

        try (BrowserContext ownerContext = newContext(page)) {
            Page ownerPage = ownerContext.newPage();
            BrowserConsole ownerConsole = BrowserConsole.watch(ownerPage);
            signInWithCode(ownerPage, owner);
            ownerPage.navigate("/support");
            Locator grant = ownerPage.locator("section.grant");
            assertThat(grant.locator(".state").textContent()).isEqualTo("PENDING");
            assertThat(grant.textContent()).contains("You called about a card payment that failed").contains("Sam Support");
            grant.locator("form.approve input[name=code]").fill(people.code(owner));
            grant.locator("form.approve button[type=submit]").click();
            assertThat(ownerPage.url()).endsWith("/support?approved");
            assertThat(ownerPage.locator("section.grant .state").textContent()).isEqualTo("LIVE");

            page.navigate("/staff/support");
            page.locator("a.open-customer").click();
            assertThat(page.url()).endsWith("/staff/customers/" + owner.id);
            assertThat(page.locator("#customer-name").textContent()).isEqualTo("Olive Owner");
            assertThat(page.locator("#profile").textContent()).contains(owner.email).contains("verified");
            assertThat(page.locator("form[action$='/sessions/end']").count()).as("no write actions under read-only").isZero();

            ownerPage.navigate("/support");
            assertThat(ownerPage.locator("section.grant tr.use").first().textContent())
                    .contains("Sam Support").contains("Viewed your profile");
            Locator used = ownerPage.locator("section.grant tr.use time").first();
            assertThat(used.textContent()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC");
            Instant usedAt = Instant.parse(used.getAttribute("datetime"));
            assertThat(used.textContent()).isEqualTo(TimeText.minute(usedAt));
            ownerPage.locator("section.grant form.revoke button").click();
            assertThat(ownerPage.url()).endsWith("/support?revoked");
            assertThat(ownerPage.locator("section.grant .state").textContent()).isEqualTo("REVOKED");
            assertThat(ownerConsole.problems()).isEmpty();
        }
        assertThat(console.problems()).as("before the refused view").allSatisfy(p -> assertThat(p).contains("404"));

        Response refused = page.navigate("/staff/customers/" + owner.id);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(page.content()).doesNotContain("Olive Owner");
    }

    @Test
    void aSupportAgentIsRefusedUnlockingWhileAnOperationsAdminUnlocksFromTheStaffPage(Page page, BrowserConsole console) {
        PeopleFixture.Person locked = people.customer("Lou Locked", false);
        users.recordPasswordFailure(locked.id, 0, clock.instant().plus(Duration.ofMinutes(30)), 1);
        PeopleFixture.Person agent = people.staff(UserAccount.StaffRole.SUPPORT, "Sam Support");
        signInWithCode(page, agent);

        page.navigate("/staff/support");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        // The page offers no unlock form to a support agent, so the browser posts one as a forged form would.
        Object status = page.evaluate("async ([url, token]) => (await fetch(url, { method: 'POST',"
                + " body: new URLSearchParams({ _csrf: token }) })).status", List.of("/staff/users/" + locked.id + "/unlock", csrf));
        assertThat(status).isEqualTo(403);
        assertThat(page.navigate("/staff/unlock").status()).isEqualTo(403);
        assertThat(users.byId(locked.id).orElseThrow().locked(clock.instant())).isTrue();

        try (BrowserContext adminContext = newContext(page)) {
            Page adminPage = adminContext.newPage();
            signInWithCode(adminPage, people.staff(UserAccount.StaffRole.OPERATIONS_ADMIN, "Ada Admin"));
            adminPage.navigate("/staff/unlock");
            adminPage.locator("input[name=email]").fill(locked.email);
            adminPage.locator("main form.stack button[type=submit]").click();
            assertThat(adminPage.locator(".alert-info").textContent()).contains("unlocked");
        }
        assertThat(users.byId(locked.id).orElseThrow().locked(clock.instant())).isFalse();
    }

    @Test
    void aCustomerIsRefusedTheStaffPages(Page page) {
        PeopleFixture.Person customer = people.customer("Cory Customer", true);
        signInWithCode(page, customer);

        assertThat(page.navigate("/staff/support").status()).isEqualTo(403);
        assertThat(page.navigate("/staff/customers/" + customer.id).status()).isEqualTo(403);
        assertThat(page.navigate("/support").status()).isEqualTo(200);
    }

    private BrowserContext newContext(Page page) {
        return page.context().browser().newContext(new Browser.NewContextOptions().setBaseURL(client.uri("/").toString())
                .setLocale("en-GB").setTimezoneId("UTC"));
    }

    private static void submitPassword(Page page, String email, String password) {
        page.navigate("/login");
        page.locator("input[name=email]").fill(email);
        page.locator("input[name=password]").fill(password);
        page.locator("main button[type=submit]").click();
    }

    /** First sign-in of new staff: password, then the authenticator app they must enrol. */
    private void signInAndEnrol(Page page, String email, String password) {
        submitPassword(page, email, password);
        assertThat(page.url()).endsWith("/security/two-factor");
        String secret = page.locator("#totp-secret").textContent().trim();
        PeopleFixture.Person person = new PeopleFixture.Person("", email, "");
        people.enrolled(person, secret, Long.MIN_VALUE);
        page.locator("input[name=code][autocomplete=one-time-code]").fill(people.code(person));
        page.locator("main button[type=submit]").click();
        assertThat(page.url()).contains("/security?totp");
    }

    private void signInWithCode(Page page, PeopleFixture.Person person) {
        submitPassword(page, person.email, PeopleFixture.PASSWORD);
        assertThat(page.url()).endsWith("/login/second-factor");
        page.locator("input[name=code][autocomplete=one-time-code]").fill(people.code(person));
        page.locator("main button[type=submit]").first().click();
        assertThat(page.url()).endsWith("/account");
    }
}
