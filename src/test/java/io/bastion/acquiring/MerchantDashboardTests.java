package io.bastion.acquiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.bastion.identity.BusinessApiKeys;
import io.bastion.identity.TotpFixture;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserlessSession;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The merchant dashboard without a browser: membership scoping, roles, and webhook secrets. */
@BastionTest
class MerchantDashboardTests {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">(whsec_[A-Za-z0-9+/=]+)<");
    /** A moment as pages show it: {@code <time datetime="2026-11-21T20:50:13Z">2026-11-21 20:50 UTC</time>}. */
    private static final String MOMENT = "<time datetime=\"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\">"
            + "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC</time>";
    /** An instant's toString with its fraction of a second, which no page should print. */
    private static final String RAW_INSTANT = "[0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]+Z";

    @Autowired
    ApplicationContext context;
    MerchantDashboardFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new MerchantDashboardFixture(context);
    }

    @Test
    void aMemberOfOneBusinessGetsNotFoundForAnotherBusinessAndForItsPaymentIds() {
        TotpFixture.Customer alice = fixture.people.verifiedCustomer();
        TotpFixture.Customer bob = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business a = fixture.business(alice, BusinessApiKeys.Role.OWNER);
        MerchantDashboardFixture.Business b = fixture.business(bob, BusinessApiKeys.Role.OWNER);
        String paymentOfB = fixture.pay(b, 5_000, "automatic", "pm_card_visa");
        String authorizedOfB = fixture.pay(b, 3_000, "manual", "pm_card_visa");
        BrowserlessSession browser = fixture.signedIn(alice);

        BrowserlessSession.Page own = browser.get("/merchant/" + a.id() + "/payments");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain(paymentOfB);
        for (String path : List.of("", "/payments", "/payments/" + paymentOfB, "/balance", "/webhooks",
                "/payments?status=succeeded")) {
            assertThat(browser.get("/merchant/" + b.id() + path).status()).as(path).isEqualTo(404);
        }
        assertThat(browser.get("/merchant/" + a.id() + "/payments/" + paymentOfB).status()).isEqualTo(404);
        browser.get("/merchant/" + a.id() + "/payments");
        for (String action : List.of("/capture", "/cancel", "/refund")) {
            assertThat(browser.post("/merchant/" + a.id() + "/payments/" + authorizedOfB + action, Map.of()).status())
                    .as("under A " + action).isEqualTo(404);
            assertThat(browser.post("/merchant/" + b.id() + "/payments/" + authorizedOfB + action, Map.of()).status())
                    .as("under B " + action).isEqualTo(404);
        }
        assertThat(browser.post("/merchant/" + b.id() + "/webhooks", Map.of("url", "https://evil.example/hook")).status())
                .isEqualTo(404);
        assertThat(fixture.intents.find(b.id(), authorizedOfB).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_CAPTURE);
        assertThat(fixture.intents.find(b.id(), paymentOfB).orElseThrow().amountRefunded()).isZero();
        assertThat(fixture.webhooks.list(b.id())).isEmpty();
    }

    @Test
    void aViewerSeesPaymentsButGetsForbiddenOnEveryActionAndNothingChanges() {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        TotpFixture.Customer viewer = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        fixture.join(shop.id(), viewer, BusinessApiKeys.Role.VIEWER);
        String succeeded = fixture.pay(shop, 5_000, "automatic", "pm_card_visa");
        String authorized = fixture.pay(shop, 3_000, "manual", "pm_card_visa");
        WebhookEndpoints.Created endpoint = fixture.webhooks.create(shop.id(), "https://shop.example/hooks").orElseThrow();
        BrowserlessSession browser = fixture.signedIn(viewer);

        BrowserlessSession.Page detail = browser.get("/merchant/" + shop.id() + "/payments/" + authorized);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains(authorized).doesNotContain("id=\"capture\"").doesNotContain("id=\"refund\"");
        String base = "/merchant/" + shop.id();
        Map<String, Map<String, String>> actions = Map.of(
                base + "/payments/" + authorized + "/capture", Map.of("amount", "10.00"),
                base + "/payments/" + authorized + "/cancel", Map.of(),
                base + "/payments/" + succeeded + "/refund", Map.of("amount", "10.00"),
                base + "/webhooks", Map.of("url", "https://viewer.example/hook"),
                base + "/webhooks/" + endpoint.endpoint().id() + "/rotate", Map.of(),
                base + "/webhooks/" + endpoint.endpoint().id() + "/delete", Map.of(),
                base + "/payouts", Map.of("currency", "EUR", "amount", "1.00"));
        actions.forEach((path, form) -> assertThat(browser.post(path, form).status()).as(path).isEqualTo(403));

        assertThat(fixture.intents.find(shop.id(), authorized).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_CAPTURE);
        PaymentIntent paid = fixture.intents.find(shop.id(), succeeded).orElseThrow();
        assertThat(paid.amountRefunded()).isZero();
        assertThat(fixture.intents.refunds(shop.id(), succeeded)).isEmpty();
        assertThat(fixture.webhooks.list(shop.id())).extracting(WebhookEndpoint::id).containsExactly(endpoint.endpoint().id());
        assertThat(fixture.jdbc.sql("SELECT count(*) FROM identity_confirmation WHERE user_id = ?").param(viewer.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aDeveloperAddsAnEndpointAndRotatesItsSecretWhichIsShownOnceAndThenSigns() {
        TotpFixture.Customer developer = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(developer, BusinessApiKeys.Role.DEVELOPER);
        BrowserlessSession browser = fixture.signedIn(developer);
        String base = "/merchant/" + shop.id() + "/webhooks";
        browser.get(base);

        BrowserlessSession.Page added = browser.post(base, Map.of("url", "https://shop.example/hooks"));
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.header("Cache-Control")).contains("no-store");
        String first = secret(added);
        WebhookEndpoint endpoint = fixture.webhooks.list(shop.id()).getFirst();
        assertThat(endpoint.url()).isEqualTo("https://shop.example/hooks");
        assertThat(browser.post(base, Map.of("url", "http://shop.example/hooks")).status()).isEqualTo(422);

        BrowserlessSession.Page rotated = browser.post(base + "/" + endpoint.id() + "/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.header("Cache-Control")).contains("no-store");
        String second = secret(rotated);
        assertThat(second).isNotEqualTo(first);
        byte[][] stored = fixture.jdbc.sql("SELECT secret, previous_secret FROM acquiring_webhook_endpoint WHERE id = ?")
                .param(endpoint.id()).query((rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}).single();
        assertThat(fixture.webhooks.open(stored[0], endpoint.id())).isEqualTo(second);
        assertThat(fixture.webhooks.open(stored[1], endpoint.id())).isEqualTo(first);

        BrowserlessSession.Page list = browser.get(base);
        assertThat(list.body()).contains("https://shop.example/hooks").doesNotContain(first).doesNotContain(second);
        assertThat(browser.get(base + "/" + endpoint.id()).status()).isEqualTo(200);
        assertThat(browser.post(base + "/" + endpoint.id() + "/delete", Map.of()).redirectPath()).endsWith("/webhooks?deleted");
        assertThat(fixture.webhooks.list(shop.id())).isEmpty();
    }

    @Test
    void anOwnerCapturesPartOfAnAuthorizationAndCancelsAnother() {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        String partly = fixture.pay(shop, 4_000, "manual", "pm_card_visa");
        String dropped = fixture.pay(shop, 2_000, "manual", "pm_card_visa");
        BrowserlessSession browser = fixture.signedIn(owner);
        String base = "/merchant/" + shop.id() + "/payments/";
        browser.get(base + partly);

        assertThat(browser.post(base + partly + "/capture", Map.of("amount", "50.00")).status()).isEqualTo(422);
        assertThat(browser.post(base + partly + "/capture", Map.of("amount", "25.50")).redirectPath()).endsWith("?captured");
        assertThat(browser.post(base + dropped + "/cancel", Map.of()).redirectPath()).endsWith("?canceled");

        PaymentIntent captured = fixture.intents.find(shop.id(), partly).orElseThrow();
        assertThat(captured.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(captured.amountCaptured()).isEqualTo(2_550);
        assertThat(fixture.intents.find(shop.id(), dropped).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELED);
        BrowserlessSession.Page balance = browser.get("/merchant/" + shop.id() + "/balance");
        assertThat(balance.body()).contains("EUR " + format(2_550 - captured.feeAmount()));
    }

    @Test
    void theWebhooksPageShowsWhichEventsEachEndpointReceives() {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        fixture.webhooks.create(shop.id(), "https://shop.example/all");
        fixture.webhooks.create(shop.id(), "https://shop.example/some",
                List.of("payment_intent.failed", "payment_intent.refunded"));

        BrowserlessSession browser = fixture.signedIn(owner);
        String page = browser.get("/merchant/" + shop.id() + "/webhooks").body();

        assertThat(page).contains("<td class=\"events\">all</td>")
                .contains("<td class=\"events\">payment_intent.failed, payment_intent.refunded</td>");
        assertThat(page).as("created, as the shared page format with the ISO instant for <time datetime>")
                .containsPattern(MOMENT).doesNotContainPattern(RAW_INSTANT);

        fixture.pay(shop, 1_000, "automatic", "pm_card_visa");
        WebhookEndpoint all = fixture.webhooks.list(shop.id()).stream()
                .filter(e -> e.url().equals("https://shop.example/all")).findFirst().orElseThrow();
        // shop.example answers nothing here: each delivery's first attempt fails and is listed with its moment.
        context.getBean(WebhookSender.class).deliverDue(java.time.Instant.now().plusSeconds(1));
        BrowserlessSession.Page deliveries = browser.get("/merchant/" + shop.id() + "/webhooks/" + all.id());
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.body()).contains("class=\"delivery\"").doesNotContainPattern(RAW_INSTANT)
                .containsPattern("<tr class=\"attempt\">\\s*<td colspan=\"2\">" + MOMENT);
        // Each delivery waits for its next try, shown in the same format after its one attempt.
        assertThat(deliveries.body()).as("next retry of a delivery that failed once")
                .containsPattern("<td>pending</td>\\s*<td>1</td>\\s*<td>" + MOMENT);
    }

    @Test
    void anOwnerPaysOutPartOfTheBalanceAfterConfirmingAndTheLedgerMovesItExactlyOnce() {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        fixture.pay(shop, 10_000, "automatic", "pm_card_visa");
        long before = fixture.intents.balances(shop.id()).getFirst().balance();
        BrowserlessSession browser = fixture.signedIn(owner);
        String base = "/merchant/" + shop.id();
        browser.get(base + "/balance");

        assertThat(browser.post(base + "/payouts", Map.of("currency", "EUR", "amount", "9999.00")).status()).isEqualTo(422);
        BrowserlessSession.Page requested = browser.post(base + "/payouts", Map.of("currency", "EUR", "amount", "50.00"));
        String confirmPath = requested.redirectPath();
        assertThat(confirmPath).matches(".*/payouts/cnf_[A-Za-z0-9_-]+");
        BrowserlessSession.Page confirmPage = browser.get(confirmPath);
        assertThat(confirmPage.body()).contains("Pay out EUR 50.00 from the merchant balance");
        assertThat(fixture.intents.balances(shop.id()).getFirst().balance()).isEqualTo(before);

        BrowserlessSession.Page paid = browser.post(confirmPath, Map.of("method", "TOTP", "code", fixture.people.code(owner, 1)));
        assertThat(paid.redirectPath()).endsWith("/balance?paidOut");
        PaymentIntents.Payout payout = fixture.intents.payouts(shop.id()).getFirst();
        assertThat(payout.status()).isEqualTo(PaymentIntents.PayoutStatus.IN_TRANSIT);
        assertThat(payout.amount()).isEqualTo(5_000);
        assertThat(fixture.intents.balances(shop.id()).getFirst().balance()).isEqualTo(before - 5_000);
        assertThat(context.getBean(io.bastion.ledger.Ledger.class).transfer(payout.id()).orElseThrow().creditAccountId())
                .isEqualTo("sys-merchant-payouts-in-transit-EUR");

        assertThat(browser.post(confirmPath, Map.of("method", "TOTP", "code", fixture.people.code(owner, 1))).status())
                .isEqualTo(404);
        assertThat(fixture.intents.payout(shop.id(), payout.id(), "EUR", 5_000, owner.id()).orElseThrow().status())
                .isEqualTo(PaymentIntents.PayoutStatus.IN_TRANSIT);
        assertThat(fixture.intents.balances(shop.id()).getFirst().balance()).isEqualTo(before - 5_000);
        assertThat(browser.get(base + "/balance").body()).contains(payout.id()).contains("in_transit");
    }

    @Test
    void aRefundWaitsForTheRightCodeIsBoundToItsPaymentAndHappensOnce() {
        TotpFixture.Customer owner = fixture.people.verifiedCustomer();
        MerchantDashboardFixture.Business shop = fixture.business(owner, BusinessApiKeys.Role.OWNER);
        String paid = fixture.pay(shop, 6_000, "automatic", "pm_card_visa");
        String other = fixture.pay(shop, 7_000, "automatic", "pm_card_visa");
        BrowserlessSession browser = fixture.signedIn(owner);
        String base = "/merchant/" + shop.id() + "/payments/";
        browser.get(base + paid);

        assertThat(browser.post(base + paid + "/refund", Map.of("amount", "60.01")).status()).isEqualTo(422);
        String confirmPath = browser.post(base + paid + "/refund", Map.of("amount", "10.00")).redirectPath();
        assertThat(confirmPath).startsWith(base + paid + "/refunds/cnf_");
        assertThat(browser.get(confirmPath.replace(paid, other)).status()).isEqualTo(404);
        assertThat(browser.get(confirmPath).body()).contains("Refund EUR 10.00 of payment " + paid);

        String wrong = fixture.people.code(owner, 1).equals("000000") ? "111111" : "000000";
        assertThat(browser.post(confirmPath, Map.of("method", "TOTP", "code", wrong)).status()).isEqualTo(422);
        assertThat(fixture.intents.refunds(shop.id(), paid)).isEmpty();
        assertThat(browser.post(confirmPath, Map.of("method", "TOTP", "code", fixture.people.code(owner, 1))).redirectPath())
                .endsWith(base + paid + "?refunded");
        assertThat(browser.post(confirmPath, Map.of("method", "TOTP", "code", fixture.people.code(owner, 1))).status())
                .isEqualTo(404);
        assertThat(fixture.intents.refunds(shop.id(), paid)).extracting(Refund::amount).containsExactly(1_000L);
        assertThat(fixture.intents.find(shop.id(), other).orElseThrow().amountRefunded()).isZero();
        List<PaymentIntents.TimelineEntry> timeline = fixture.intents.timeline(shop.id(), paid);
        assertThat(timeline).extracting(PaymentIntents.TimelineEntry::type)
                .containsExactlyInAnyOrder("payment_intent.succeeded", "payment_intent.captured", "payment_intent.refunded");
        assertThat(timeline.getLast().type()).isEqualTo("payment_intent.refunded");
        assertThat(timeline.getLast().refundAmount()).isEqualTo(1_000L);
    }

    private static String format(long minor) {
        return (minor / 100) + "." + String.format("%02d", minor % 100);
    }

    private static String secret(BrowserlessSession.Page page) {
        Matcher m = SECRET.matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return m.group(1);
    }
}
