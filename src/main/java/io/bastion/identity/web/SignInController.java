package io.bastion.identity.web;

import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignIn;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in pages: password, then the second factor when the user has one, and sign-out. */
@Controller
class SignInController {

    static final int SECOND_FACTOR_FAILURES_MAX = 5;
    static final String REJECTED = "That e-mail and password do not match an account we can sign in.";

    private final SignIn signIn;
    private final SecondFactors factors;
    private final BrowserSession browserSession;

    SignInController(SignIn signIn, SecondFactors factors, BrowserSession browserSession) {
        this.signIn = signIn;
        this.factors = factors;
        this.browserSession = browserSession;
    }

    @GetMapping("/login")
    String loginPage() {
        return "identity/login";
    }

    @PostMapping("/login")
    String login(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        SignIn.Outcome outcome = signIn.attempt(email, password, request.getRemoteAddr(), request.getHeader("User-Agent"));
        switch (outcome) {
            case SignIn.Outcome.Accepted accepted -> {
                browserSession.establish(accepted.user(), request, response);
                return switch (accepted.user().stage()) {
                    case AWAITING_SECOND_FACTOR -> "redirect:/login/second-factor";
                    case MUST_ENROL_SECOND_FACTOR -> "redirect:/security/two-factor";
                    case COMPLETE -> "redirect:/account";
                };
            }
            case SignIn.Outcome.RateLimited limited -> {
                response.setStatus(429);
                model.addAttribute("error", "Too many sign-in attempts. Wait a few minutes and try again.");
            }
            case SignIn.Outcome.Rejected rejected -> model.addAttribute("error", REJECTED);
        }
        model.addAttribute("email", email);
        return "identity/login";
    }

    @GetMapping("/login/second-factor")
    String secondFactorPage(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        return "identity/second-factor";
    }

    @PostMapping("/login/second-factor/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        boolean sent = factors.sendSmsCode(user.userId(), false, request.getRemoteAddr());
        model.addAttribute("user", user);
        model.addAttribute(sent ? "info" : "error", sent ? "We sent a code to your phone." : "Too many codes sent. Try again later.");
        return "identity/second-factor";
    }

    @PostMapping("/login/second-factor")
    String secondFactor(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "TOTP") SecondFactors.Method method,
                        @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String recoveryCode,
                        HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        String presented = method == SecondFactors.Method.RECOVERY ? recoveryCode : code;
        if (factors.verify(user.userId(), method, presented, false, request.getRemoteAddr())) {
            browserSession.establish(user.at(SignedInUser.Stage.COMPLETE), request, response);
            browserSession.steppedUp(request);
            return "redirect:/account";
        }
        int triesLeft = secondFactorFailed(request);
        if (triesLeft == 0) {
            return "redirect:/login?ended";
        }
        model.addAttribute("user", user);
        model.addAttribute("error", "That code is not right. " + triesLeft + " tries left.");
        return "identity/second-factor";
    }

    /** Counts a failed second factor (code or passkey) and returns the tries left; at none the sign-in ends. */
    static int secondFactorFailed(HttpServletRequest request) {
        HttpSession session = request.getSession();
        int failures = (Integer) java.util.Objects.requireNonNullElse(session.getAttribute(BrowserSession.SECOND_FACTOR_FAILURES_ATTRIBUTE), 0) + 1;
        if (failures >= SECOND_FACTOR_FAILURES_MAX) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            return 0;
        }
        session.setAttribute(BrowserSession.SECOND_FACTOR_FAILURES_ATTRIBUTE, failures);
        return SECOND_FACTOR_FAILURES_MAX - failures;
    }
}
