package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The reset journey in real Chromium: the link's token leaves the address bar, and the policy blocks nothing. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class PasswordResetBrowserTests {

    @Autowired
    ApplicationContext context;

    @Test
    void aPersonResetsTheirPasswordFromTheEmailedLinkAndTheTokenLeavesTheAddressBar(Page page, BrowserConsole console) {
        TestAccounts accounts = TestAccounts.of(context);
        TestAccounts.Person person = accounts.person();

        page.navigate("/login");
        page.getByText("Forgot your password?").click();
        page.locator("input[name=email]").fill(person.email());
        page.locator("button[type=submit]").click();
        assertThat(page.locator(".alert-info").textContent()).contains("If an account exists for that address");

        String token = accounts.resetToken(person.email());
        page.navigate("/password/reset/" + token);
        page.waitForFunction("() => location.pathname === '/password/reset'");
        assertThat(page.url()).doesNotContain(token);
        assertThat(page.locator("h1").textContent()).isEqualTo("Choose a new password");

        String next = TestAccounts.randomPassword();
        page.locator("input[name=password]").fill(next);
        page.locator("#password-new button[type=submit]").click();
        page.waitForURL("**/login?reset");
        assertThat(page.locator(".alert-info").first().textContent()).contains("Your password is changed");

        page.locator("input[name=email]").fill(person.email());
        page.locator("input[name=password]").fill(next);
        page.locator("button[type=submit]").click();
        page.waitForURL("**/account");
        assertThat(console.problems()).isEmpty();
    }
}
