package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bastion.shared.TimeText;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The wallet pages in real Chromium: sending money with an authenticator code, CSV export, and access scoping. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class WalletPageTests {

    @Autowired
    ApplicationContext context;

    @Autowired
    BankFiles bankFiles;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    @Test
    void aCustomerSendsMoneyToAnotherByEmailConfirmsWithTheirAuthenticatorAndSeesTheNewBalance(Page page) {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(ada.wallet(), 50_000);
        fixture.people.signIn(page, ada.customer());

        page.navigate("/wallet");
        assertThat(page.locator("tr[data-wallet] .iban").textContent()).isEqualTo(ada.wallet().iban());
        assertThat(page.locator("tr[data-wallet] .reference").textContent()).isEqualTo(ada.wallet().topupReference());
        assertThat(page.locator("tr[data-wallet] .balance").textContent()).isEqualTo("500.00");
        page.locator("a:text('Send money')").click();
        page.locator("input[name=payee]").fill(bob.customer().email());
        page.locator("input[name=amount]").fill("120.50");
        page.locator("input[name=reference]").fill("Concert tickets");
        page.locator("form.stack button[type=submit]").click();

        page.waitForURL("**/wallet/orders/**");
        assertThat(page.locator("#amount").textContent()).isEqualTo("EUR 120.50");
        assertThat(page.locator("#fee").textContent()).isEqualTo("EUR 0.12");
        assertThat(page.locator(".summary").textContent()).contains("EUR 120.62").contains(bob.wallet().iban());
        page.locator("input[name=code]").first().fill(fixture.people.code(ada.customer(), 1));
        page.locator("form.stack button[type=submit]").first().click();

        assertThat(page.locator("#status").textContent()).isEqualTo("done");
        assertThat(page.locator("#balance").textContent()).isEqualTo("EUR 379.38");
        assertThat(fixture.balance(bob.wallet())).isEqualTo(12_050);
        page.navigate("/wallet");
        assertThat(page.locator("tr[data-wallet] .balance").textContent()).isEqualTo("379.38");

        page.navigate("/wallet/" + ada.wallet().id() + "/history");
        var booked = page.locator("table.statement tbody tr time").last();
        assertThat(booked.textContent()).matches("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC");
        Instant bookedAt = Instant.parse(booked.getAttribute("datetime"));
        assertThat(bookedAt).isEqualTo(bookedAt.truncatedTo(ChronoUnit.SECONDS));
        assertThat(booked.textContent()).isEqualTo(TimeText.minute(bookedAt));
    }

    @Test
    void everyWalletPageAnswers404ForAnotherCustomersWalletOrOrder(Page page) {
        WalletFixture.Holder ada = fixture.holder();
        WalletFixture.Holder bob = fixture.holder();
        fixture.fund(bob.wallet(), 1_000);
        SendResult bobsOrder = fixture.wallets.send(bob.id(), bob.wallet().id(), ada.wallet().iban(), 100, "x");
        fixture.people.signIn(page, ada.customer());
        String other = bob.wallet().id();
        for (String path : List.of("/wallet/" + other + "/history", "/wallet/" + other + "/statement.csv",
                "/wallet/" + other + "/send", "/wallet/" + other + "/payout", "/wallet/orders/" + bobsOrder.orderId(),
                "/wallet/wal_doesnotexist/history")) {
            Response response = page.navigate(path);
            assertThat(response.status()).as(path).isEqualTo(404);
        }
        page.navigate("/wallet/" + ada.wallet().id() + "/send");
        String csrf = page.locator("input[name=_csrf]").first().inputValue();
        for (String path : List.of("/wallet/" + other + "/send", "/wallet/" + other + "/payout", "/wallet/orders/" + bobsOrder.orderId())) {
            Object status = page.evaluate("""
                    async ([path, csrf, payee]) => {
                      const body = new URLSearchParams({_csrf: csrf, amount: '1', payee: payee, reference: 'x', code: '000000'});
                      return (await fetch(path, {method: 'POST', body: body})).status;
                    }""", List.of(path, csrf, ada.customer().email()));
            assertThat(((Number) status).intValue()).as("POST " + path).isEqualTo(404);
        }
        assertThat(fixture.balance(bob.wallet())).isEqualTo(1_000);
    }

    @Test
    void theCsvStatementIsAnAttachmentWhoseCellsCannotStartAFormula(Page page) throws Exception {
        WalletFixture.Holder ada = fixture.holder();
        CamtSamples.Entry credit = CamtSamples.Entry.credit("25.00", "=HYPERLINK(\"http://evil\") " + ada.wallet().topupReference());
        bankFiles.importFile("t.xml", CamtSamples.notification(List.of(credit)), "staff-test");
        fixture.people.signIn(page, ada.customer());

        page.navigate("/wallet");
        @SuppressWarnings("unchecked")
        Map<String, Object> csv = (Map<String, Object>) page.evaluate("""
                async (path) => {
                  const r = await fetch(path);
                  return {status: r.status, type: r.headers.get('content-type'),
                          disposition: r.headers.get('content-disposition'), body: await r.text()};
                }""", "/wallet/" + ada.wallet().id() + "/statement.csv");
        assertThat(((Number) csv.get("status")).intValue()).isEqualTo(200);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("disposition")).startsWith("attachment");
        String body = (String) csv.get("body");
        assertThat(body).contains("\"'=HYPERLINK(\"\"http://evil\"\") " + ada.wallet().topupReference() + "\"");
        assertThat(body).contains("\"25.00\"");
        assertThat(body.lines()).allSatisfy(line -> assertThat(line).doesNotContain(",\"="));
    }
}
