package io.bastion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Ending a session, from the security centre or by signing out, is on the audit record. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class SessionAuditTests {

    @Autowired
    DevInbox inbox;

    @Autowired
    Registration registration;

    @Autowired
    JdbcClient jdbc;

    private static void signIn(Page page, String email) {
        page.navigate("/login");
        page.fill("input[name=email]", email);
        page.fill("input[name=password]", IdentityFixtures.PASSWORD);
        page.click("button[type=submit]");
    }

    private long audited(String userId, String action) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = ?").params(userId, action)
                .query(Long.class).single();
    }

    @Test
    void endingAnotherSessionAndSigningOutAreAudited(Page page) {
        String email = IdentityFixtures.email();
        String userId = IdentityFixtures.verifiedCustomer(registration, inbox, email, IdentityFixtures.phone(), false);
        signIn(page, email);
        page.navigate("/security");
        assertThat(page.locator("#sessions tr.session").count()).isEqualTo(1);
        page.click("header form[action='/logout'] button");
        assertThat(page.url()).contains("/login?signedout");
        assertThat(audited(userId, "identity.session.signed-out")).isEqualTo(1);

        // A second browser (its own cookies) holds a second session of the same user.
        try (BrowserContext other = page.context().browser().newContext(new Browser.NewContextOptions()
                .setBaseURL(page.url().replaceAll("(https://[^/]+).*", "$1")))) {
            signIn(other.newPage(), email);
        }
        signIn(page, email);
        page.navigate("/security");
        assertThat(page.locator("#sessions tr.session").count()).isEqualTo(2);
        page.locator("#sessions tr.session form button").first().click();
        assertThat(page.url()).contains("/security?ended");
        assertThat(audited(userId, "identity.session.ended")).isEqualTo(1);
    }
}
