package io.bastion.identity.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.FactorSettings;
import io.bastion.identity.PasswordPolicy;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SecurityAlerts;
import io.bastion.identity.SessionDirectory;
import io.bastion.identity.SignIn;
import io.bastion.identity.SignedInUser;
import io.bastion.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The account home and the security centre: factors, sessions, sign-in history and password. */
@Controller
class SecurityCentreController {

    static final Duration STEP_UP_FRESH_MAX = Duration.ofMinutes(5);
    static final String TOTP_SETUP_ATTRIBUTE = "bastion.totpSetup";

    private final AccountSecurity security;
    private final SessionDirectory sessions;
    private final SecondFactors factors;
    private final SignIn signIn;
    private final BrowserSession browserSession;
    private final FactorSettings factorSettings;
    private final SecurityAlerts alerts;

    SecurityCentreController(AccountSecurity security, SessionDirectory sessions, SecondFactors factors, SignIn signIn,
                             BrowserSession browserSession, FactorSettings factorSettings, SecurityAlerts alerts) {
        this.alerts = alerts;
        this.security = security;
        this.sessions = sessions;
        this.factors = factors;
        this.signIn = signIn;
        this.browserSession = browserSession;
        this.factorSettings = factorSettings;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("account", security.user(user.userId()).orElseThrow());
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/account";
    }

    @PostMapping("/session/keep-alive")
    String keepAlive() {
        return "redirect:/account";
    }

    @GetMapping("/security")
    String centre(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        UserAccount account = security.user(user.userId()).orElseThrow();
        model.addAttribute("account", account);
        model.addAttribute("sessions", sessions.list(user.userId(), request.getSession().getId()));
        model.addAttribute("logins", security.loginHistory(user.userId()));
        model.addAttribute("alerts", alerts.recent(user.userId()));
        model.addAttribute("mandatory", security.secondFactorMandatory(user.userId(), signIn));
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/security";
    }

    @PostMapping("/security/sessions/{handle}/end")
    String endSession(@AuthenticationPrincipal SignedInUser user, @PathVariable String handle, HttpServletRequest request) {
        if (!sessions.end(user.userId(), handle, request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/security?ended";
    }

    @GetMapping("/security/two-factor")
    String totpSetup(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        AccountSecurity.TotpSetup setup = security.startTotp(user.userId());
        request.getSession().setAttribute(TOTP_SETUP_ATTRIBUTE, setup.base32Secret());
        model.addAttribute("setup", setup);
        model.addAttribute("mustEnrol", user.stage() == SignedInUser.Stage.MUST_ENROL_SECOND_FACTOR);
        return "identity/two-factor";
    }

    @PostMapping("/security/two-factor")
    String totpConfirm(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String code,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(TOTP_SETUP_ATTRIBUTE);
        if (secret != null && security.confirmTotp(user.userId(), secret, code, request.getRemoteAddr())) {
            session.removeAttribute(TOTP_SETUP_ATTRIBUTE);
            browserSession.establish(user.at(SignedInUser.Stage.COMPLETE), request, response);
            browserSession.steppedUp(request);
            return "redirect:/security?totp";
        }
        response.setStatus(422);
        model.addAttribute("error", "That code does not match. Check the time on your phone and try the newest code.");
        model.addAttribute("setup", new AccountSecurity.TotpSetup(secret == null ? "" : secret, null));
        model.addAttribute("mustEnrol", user.stage() == SignedInUser.Stage.MUST_ENROL_SECOND_FACTOR);
        return "identity/two-factor";
    }

    @PostMapping("/security/password")
    String changePassword(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String currentPassword,
                          @RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String code,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        UserAccount account = security.user(user.userId()).orElseThrow();
        // Passkeys count too: hasSecondFactor() only knows the factors kept on the user row.
        if (factorSettings.hasAnyFactor(user.userId()) && !freshSecondFactor(user, account, code, request)) {
            return rejectPassword(user, request, response, model, "Enter a current code from your authenticator app.");
        }
        Optional<PasswordPolicy.Violation> violation = security.changePassword(user.userId(), currentPassword, newPassword,
                request.getSession().getId(), request.getRemoteAddr());
        if (violation.isPresent()) {
            return rejectPassword(user, request, response, model, violation.get().message());
        }
        request.changeSessionId();
        return "redirect:/security?password";
    }

    private boolean freshSecondFactor(SignedInUser user, UserAccount account, String code, HttpServletRequest request) {
        if (!account.totpEnabled()) {
            return browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX);
        }
        boolean ok = factors.verify(user.userId(), SecondFactors.Method.TOTP, code, true, request.getRemoteAddr());
        if (ok) {
            browserSession.steppedUp(request);
        }
        return ok;
    }

    private String rejectPassword(SignedInUser user, HttpServletRequest request, HttpServletResponse response, Model model,
                                  String message) {
        response.setStatus(422);
        model.addAttribute("passwordError", message);
        return centre(user, request, model);
    }
}
