package io.bastion.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.bastion.identity.TotpFixture;
import io.bastion.identity.UserAccount;
import io.bastion.testing.BastionTest;
import io.bastion.testing.BrowserExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The staff bank-files page in real Chromium: upload, refusal with line and reason, and credit from the review list. */
@BastionTest
@ExtendWith(BrowserExtension.class)
class BankFilePageTests {

    @Autowired
    ApplicationContext context;

    WalletFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new WalletFixture(context);
    }

    @Test
    void anOperationsAdminImportsAStatementSeesARefusedFilesLineAndCreditsAnUnmatchedCredit(Page page) {
        WalletFixture.Holder ada = fixture.holder();
        TotpFixture.Customer admin = fixture.people.staff(UserAccount.StaffRole.OPERATIONS_ADMIN);
        fixture.people.signIn(page, admin);
        CamtSamples.Entry unknown = CamtSamples.Entry.credit("3.10", "ref " + CamtSamples.freshRef());
        byte[] good = CamtSamples.statement("10.00", List.of(unknown));

        page.navigate("/staff/bank-files");
        page.locator("input[type=file]").setInputFiles(new FilePayload("stmt.xml", "application/xml", good));
        page.locator("button:text('Import')").click();
        assertThat(page.locator(".alert-info").textContent()).contains("camt.053 imported").contains("1 to suspense");
        page.locator("tr:has-text('" + unknown.ref() + "') input[name=wallet]").fill(ada.wallet().topupReference());
        page.locator("tr:has-text('" + unknown.ref() + "') button").click();
        assertThat(page.locator(".alert-info").textContent()).contains("Credited");
        assertThat(fixture.balance(ada.wallet())).isEqualTo(310);

        byte[] bad = new String(CamtSamples.statement("10.00", List.of(CamtSamples.Entry.credit("-4.00", "x"))),
                StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        page.locator("input[type=file]").setInputFiles(new FilePayload("bad.xml", "application/xml", bad));
        page.locator("button:text('Import')").click();
        assertThat(page.locator(".alert-error").textContent()).contains("nothing changed").containsPattern("Line [0-9]+: the amount");
    }

    @Test
    void aCustomerCannotOpenTheBankFilesPage(Page page) {
        WalletFixture.Holder ada = fixture.holder();
        fixture.people.signIn(page, ada.customer());
        Response response = page.navigate("/staff/bank-files");
        assertThat(response.status()).isEqualTo(403);
    }
}
