package io.bastion.threeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bastion.notification.DevInbox;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserConsole;
import io.bastion.testing.BrowserExtension;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@BastionTest
@ExtendWith(BrowserExtension.class)
class ChallengeBrowserTests {

    private static final Pattern OTP = Pattern.compile("is ([0-9]{6})\\.");

    @Autowired ThreeDsServer server;
    @Autowired AuthenticationValues values;
    @Autowired DevInbox inbox;
    @Autowired JdbcClient jdbc;

    @Test
    void theCardholderConfirmsWithTheCodeFromTheSmsAndTheValueVerifies(Page page, BrowserConsole console) {
        String merchant = "biz_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        ARes ares = challenge(merchant);
        Response response = page.navigate("/threeds/challenge/" + ares.acsTransID());
        assertThat(response.headers().get("content-security-policy")).contains("frame-ancestors 'self'");
        assertThat(response.headers().get("x-frame-options")).isEqualTo("SAMEORIGIN");
        assertThat(page.locator("#merchant").textContent()).isEqualTo("Corner Bakery");
        assertThat(page.locator("#amount").textContent()).isEqualTo("18.00 EUR");
        assertThat(page.locator("#phone").textContent()).contains("0002");

        page.fill("#code", latestOtp());
        page.click("button[value=submit]");

        assertThat(page.locator("#result").textContent()).isEqualTo("Payment confirmed.");
        Map<String, Object> row = jdbc.sql("select * from threeds_transaction where acs_trans_id = :id")
                .param("id", ares.acsTransID()).query().singleRow();
        assertThat(row).containsEntry("trans_status", "Y").containsEntry("eci", "05");
        assertThat(values.verify(TestNetworkCards.CHALLENGE, 1800, "978", merchant, ares.dsTransID(),
                (String) row.get("authentication_value"))).isEqualTo(AuthenticationValues.Verification.VALID);
        assertThat(console.problems()).isEmpty();
    }

    @Test
    void fiveWrongCodesOnThePageFailAndAResendInBetweenChangesNothing(Page page) {
        ARes ares = challenge("biz_wrongcodes");
        page.navigate("/threeds/challenge/" + ares.acsTransID());
        String wrong = latestOtp().equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            page.fill("#code", wrong);
            page.click("button[value=submit]");
            if (i == 1) {
                page.click("#resend");
                assertThat(page.locator("#prompt").textContent()).contains("We sent a new code");
                wrong = latestOtp().equals("000000") ? "111111" : "000000";
            }
        }
        assertThat(page.locator("#prompt").textContent()).contains("Attempts left: 1");
        page.fill("#code", wrong);
        page.click("button[value=submit]");
        assertThat(page.locator("#result").textContent()).isEqualTo("This payment was not confirmed.");
    }

    @Test
    void otherPagesStillRefuseEveryFrame(Page page) {
        Response response = page.navigate("/problems/not-found");
        assertThat(response.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
        assertThat(response.headers().get("x-frame-options")).isEqualTo("DENY");
    }

    private ARes challenge(String merchant) {
        ParseResult<ARes> result = server.authenticate(new ThreeDsServer.Purchase(
                new io.bastion.threeds.AccountToken(TestNetworkCards.CHALLENGE), 1800, "978", 2, merchant,
                "Corner Bakery", "5462", "276", "dev_browser_" + UUID.randomUUID().toString().substring(0, 8), null));
        ARes ares = ((ParseResult.Valid<ARes>) result).message();
        assertThat(ares.transStatus()).isEqualTo("C");
        return ares;
    }

    private String latestOtp() {
        Matcher m = OTP.matcher(inbox.newestTo("+15550100002").getFirst().body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
