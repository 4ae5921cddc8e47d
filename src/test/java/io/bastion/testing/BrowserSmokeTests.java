package io.bastion.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browser-test infrastructure works: real Chromium reaches Bastion over TLS and sees its pages as users do. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class BrowserSmokeTests {

    @Test
    void rendersAProblemPageWithItsStylesheetAndNothingBlockedByThePolicy(Page page, BrowserConsole console) {
        Response stylesheet = page.waitForResponse(response -> response.url().endsWith("/css/bastion.css"),
                () -> page.navigate("/problems/not-found"));

        assertThat(page.locator("h1").textContent()).isEqualTo("Not found");
        assertThat(stylesheet.status()).isEqualTo(200);
        assertThat(page.evaluate("getComputedStyle(document.body).marginTop")).as("body margin from bastion.css")
                .isEqualTo("0px");
        assertThat(page.evaluate("getComputedStyle(document.documentElement).backgroundColor"))
                .isEqualTo("rgb(245, 247, 250)");
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void reportsWhatThePolicyBlocks(Page page, BrowserConsole console) {
        page.navigate("/problems/not-found");

        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';"
                + " document.body.append(s); }");

        assertThat(page.evaluate("window.ran === true")).isEqualTo(false);
        assertThat(console.policyViolations()).singleElement().asString().contains("Content Security Policy directive 'script-src");
    }

    @Test
    void opensTheDevInboxFromThisMachine(Page page, BrowserConsole console) {
        Response response = page.navigate("/dev/inbox");

        assertThat(response.status()).isEqualTo(200);
        assertThat(page.locator("h1").textContent()).isEqualTo("Dev inbox");
        assertThat(page.locator(".badge-warning").textContent()).isEqualTo("development");
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void createsAPasskeyOnTheVirtualAuthenticator(Page page, BrowserConsole console) {
        page.navigate("/problems/not-found");
        VirtualAuthenticator authenticator = VirtualAuthenticator.attach(page);

        Object created = page.evaluate("""
                async () => {
                  const credential = await navigator.credentials.create({ publicKey: {
                    rp: { id: 'localhost', name: 'Bastion' },
                    user: { id: new Uint8Array([1, 2, 3, 4]), name: 'ada@example.com', displayName: 'Ada' },
                    challenge: crypto.getRandomValues(new Uint8Array(32)),
                    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
                    authenticatorSelection: { residentKey: 'required', userVerification: 'required' } } });
                  return credential.type;
                }""");

        assertThat(authenticator.id()).isNotBlank();
        assertThat(created).isEqualTo("public-key");
        assertThat(authenticator.credentials()).singleElement()
                .satisfies(credential -> assertThat(((JsonObject) credential).get("isResidentCredential").getAsBoolean()).isTrue());
        assertThat(console.problems()).isEmpty();
    }
}
