package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** An idle session ends by itself; the page warns first. Runs with a four-second idle limit. */
@BastionTest
@ExtendWith(BrowserExtension.class)
@TestPropertySource(properties = "bastion.session.idle=4s")
class IdleSessionBrowserTests {

    @Autowired
    DevInbox inbox;

    @Autowired
    Registration registration;

    private static Cookie sessionCookie(Page page) {
        List<Cookie> cookies = page.context().cookies();
        return cookies.stream().filter(c -> c.name.equals("__Host-bastion")).findFirst().orElseThrow();
    }

    @Test
    void theSessionCookieIsHostOnlySecureHttpOnlyStrictAndRotatedAtSignIn(Page page) {
        String email = IdentityFixtures.email();
        IdentityFixtures.verifiedCustomer(registration, inbox, email, IdentityFixtures.phone(), false);
        page.navigate("/login");
        Cookie before = sessionCookie(page);
        assertThat(before.secure).isTrue();
        assertThat(before.httpOnly).isTrue();
        assertThat(before.sameSite).isEqualTo(SameSiteAttribute.STRICT);
        assertThat(before.path).isEqualTo("/");

        page.fill("input[name=email]", email);
        page.fill("input[name=password]", IdentityFixtures.PASSWORD);
        page.click("button[type=submit]");

        assertThat(page.url()).endsWith("/account");
        assertThat(sessionCookie(page).value).isNotEqualTo(before.value);
    }

    @Test
    void anIdleSessionWarnsAndThenEnds(Page page) {
        String email = IdentityFixtures.email();
        IdentityFixtures.verifiedCustomer(registration, inbox, email, IdentityFixtures.phone(), false);
        page.navigate("/login");
        page.fill("input[name=email]", email);
        page.fill("input[name=password]", IdentityFixtures.PASSWORD);
        page.click("button[type=submit]");
        assertThat(page.url()).endsWith("/account");

        page.waitForSelector("#session-warning:not(.hidden)", new Page.WaitForSelectorOptions().setTimeout(10_000));
        page.waitForURL("**/login?expired", new Page.WaitForURLOptions().setTimeout(10_000));

        page.navigate("/account");
        assertThat(page.url()).endsWith("/login");
    }
}
