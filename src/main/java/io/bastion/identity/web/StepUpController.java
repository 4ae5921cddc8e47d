package io.bastion.identity.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Asks a signed-in user for a fresh second factor (authenticator code, or an SMS code to their verified
 * phone) before a sensitive change, then returns them to that change. Where to return is chosen from a
 * fixed list, never taken from the request as a URL.
 */
@Controller
class StepUpController {

    static final int STEP_UP_FAILURES_MAX = 5;
    static final String FAILURES_ATTRIBUTE = "bastion.stepUpFailures";
    static final String DEFAULT_DESTINATION = "factors";
    static final Map<String, String> DESTINATIONS = Map.of(
            "email", "/security/contact/email",
            "phone", "/security/contact/phone",
            DEFAULT_DESTINATION, "/security?steppedup");

    private final SecondFactors factors;
    private final AccountSecurity security;
    private final BrowserSession browserSession;

    StepUpController(SecondFactors factors, AccountSecurity security, BrowserSession browserSession) {
        this.factors = factors;
        this.security = security;
        this.browserSession = browserSession;
    }

    /** The step-up page's address for a destination in {@link #DESTINATIONS}. */
    static String redirectFor(String next) {
        return "redirect:/security/step-up?next=" + next;
    }

    @GetMapping("/security/step-up")
    String page(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = DEFAULT_DESTINATION) String next, Model model) {
        return render(user, next, model);
    }

    @PostMapping("/security/step-up/sms")
    String sendSms(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = DEFAULT_DESTINATION) String next,
                   HttpServletRequest request, Model model) {
        boolean sent = factors.sendSmsCode(user.userId(), true, request.getRemoteAddr());
        model.addAttribute(sent ? "info" : "error", sent ? "We sent a code to your phone." : "Too many codes sent. Try again later.");
        return render(user, next, model);
    }

    @PostMapping("/security/step-up")
    String verify(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = DEFAULT_DESTINATION) String next,
                  @RequestParam(defaultValue = "TOTP") SecondFactors.Method method, @RequestParam(defaultValue = "") String code,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        String destination = DESTINATIONS.getOrDefault(next, "/security");
        // A recovery code is for getting back in, not for confirming a change (SecondFactors refuses it too).
        if (method != SecondFactors.Method.RECOVERY && factors.verify(user.userId(), method, code, true, request.getRemoteAddr())) {
            request.getSession().removeAttribute(FAILURES_ATTRIBUTE);
            browserSession.steppedUp(request);
            return "redirect:" + destination;
        }
        HttpSession session = request.getSession();
        int failures = (Integer) Objects.requireNonNullElse(session.getAttribute(FAILURES_ATTRIBUTE), 0) + 1;
        if (failures >= STEP_UP_FAILURES_MAX) {
            // Someone guessing codes in a signed-in session loses the session, as at sign-in.
            session.invalidate();
            SecurityContextHolder.clearContext();
            return "redirect:/login?ended";
        }
        session.setAttribute(FAILURES_ATTRIBUTE, failures);
        response.setStatus(422);
        model.addAttribute("error", "That code is not right. " + (STEP_UP_FAILURES_MAX - failures) + " tries left.");
        return render(user, next, model);
    }

    private String render(SignedInUser user, String next, Model model) {
        model.addAttribute("next", DESTINATIONS.containsKey(next) ? next : DEFAULT_DESTINATION);
        model.addAttribute("totpEnabled", security.user(user.userId()).orElseThrow().totpEnabled());
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/step-up";
    }
}
