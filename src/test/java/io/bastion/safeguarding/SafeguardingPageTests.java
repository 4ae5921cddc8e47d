package io.bastion.safeguarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.bastion.identity.PortalAuthorities;
import io.bastion.identity.SignedInUser;
import io.bastion.identity.UserAccount;
import io.bastion.testing.BastionTest;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The staff page through the real security filter chain, with a signed-in member of staff placed in the
 * session: compliance and operations admins see the history and may run a reconciliation (with a CSRF
 * token); support staff and customers may not.
 */
@BastionTest
class SafeguardingPageTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    WebApplicationContext context;
    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;
    @Autowired
    Reconciliation reconciliation;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(security).build();
    }

    private static MockHttpSession signedIn(UserAccount.Kind kind, UserAccount.StaffRole role) {
        SignedInUser user = new SignedInUser("usr_page" + System.nanoTime(), kind, role, "Pat", "pat@example.org",
                SignedInUser.Stage.COMPLETE);
        List<SimpleGrantedAuthority> authorities = role == null
                ? List.of(new SimpleGrantedAuthority(kind == UserAccount.Kind.STAFF ? PortalAuthorities.ROLE_STAFF
                        : PortalAuthorities.ROLE_CUSTOMER))
                : List.of(new SimpleGrantedAuthority(PortalAuthorities.ROLE_STAFF),
                        new SimpleGrantedAuthority(PortalAuthorities.ROLE_STAFF_PREFIX + role.name()));
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities)));
        return session;
    }

    @Test
    void complianceStaffSeeTheHistoryAndRunAReconciliationWithACsrfToken() throws Exception {
        MockHttpSession session = signedIn(UserAccount.Kind.STAFF, UserAccount.StaffRole.COMPLIANCE);
        MvcResult page = mvc.perform(get("/staff/safeguarding").session(session).accept("text/html")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        String html = page.getResponse().getContentAsString();
        assertThat(html).contains("Safeguarding reconciliation").contains("id=\"run-now\"")
                .contains("/staff/safeguarding/reconciliations.csv?from=");

        assertThat(mvc.perform(post("/staff/safeguarding/run").session(session)).andReturn().getResponse().getStatus())
                .isEqualTo(403);

        Matcher token = CSRF.matcher(html);
        assertThat(token.find()).isTrue();
        MvcResult ran = mvc.perform(post("/staff/safeguarding/run").session(session).param("_csrf", token.group(1)))
                .andReturn();
        assertThat(ran.getResponse().getRedirectedUrl()).isEqualTo("/staff/safeguarding?ran");
        String staffId = ((SecurityContextImpl) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).getAuthentication().getName();
        assertThat(reconciliation.history(reconciliation.today(), reconciliation.today(), null, 100).records())
                .anySatisfy(r -> assertThat(r.trigger()).isEqualTo("staff:" + staffId));

        String after = mvc.perform(get("/staff/safeguarding?ran").session(session).accept("text/html")).andReturn()
                .getResponse().getContentAsString();
        assertThat(after).contains("Reconciliation run.").contains("staff:" + staffId);
        String businessDate = reconciliation.history(reconciliation.today(), reconciliation.today(), null, 100).records()
                .getFirst().businessDate().toString();
        assertThat(after).as("a business date is a day: yyyy-MM-dd, no made-up time of day")
                .contains("<time datetime=\"" + businessDate + "\">" + businessDate + "</time>");
    }

    @Test
    void operationsAdminsMayExportTheCsv() throws Exception {
        MockHttpSession session = signedIn(UserAccount.Kind.STAFF, UserAccount.StaffRole.OPERATIONS_ADMIN);
        MvcResult csv = mvc.perform(get("/staff/safeguarding/reconciliations.csv?from=2026-11-01&to=2026-11-30")
                .session(session)).andReturn();
        assertThat(csv.getResponse().getStatus()).isEqualTo(200);
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
    }

    @Test
    void supportStaffAndCustomersMayNotSeeThePage() throws Exception {
        assertThat(mvc.perform(get("/staff/safeguarding").accept("text/html")
                .session(signedIn(UserAccount.Kind.STAFF, UserAccount.StaffRole.SUPPORT))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/staff/safeguarding").accept("text/html")
                .session(signedIn(UserAccount.Kind.CUSTOMER, null))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/staff/safeguarding").accept("text/html")).andReturn().getResponse()
                .getRedirectedUrl()).endsWith("/login");
    }
}
