package io.bastion.identity.web;

import io.bastion.identity.Registration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-up: the form, then one page for the two codes (e-mail and SMS). The pending account lives only
 * in the server-side session, so the pages never carry an account id.
 */
@Controller
class SignUpController {

    static final String PENDING_ATTRIBUTE = "bastion.signup.pending";
    static final String NONE = "none";

    private final Registration registration;

    SignUpController(Registration registration) {
        this.registration = registration;
    }

    @GetMapping("/signup")
    String form(Model model) {
        model.addAttribute("form", new Registration.SignUp(false, "", "", "", "", ""));
        return "identity/signup";
    }

    @PostMapping("/signup")
    String submit(@RequestParam(defaultValue = "individual") String kind, @RequestParam(defaultValue = "") String businessName,
                  @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String password,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        Registration.SignUp form = new Registration.SignUp("business".equals(kind), businessName, name, email, phone, password);
        Registration.Outcome outcome = registration.signUp(form, request.getRemoteAddr());
        switch (outcome) {
            case Registration.Outcome.CodesSent sent -> {
                HttpSession session = request.getSession(true);
                request.changeSessionId();
                session = request.getSession();
                session.setAttribute(PENDING_ATTRIBUTE, sent.userId().orElse(NONE));
                return "redirect:/signup/verify";
            }
            case Registration.Outcome.Invalid invalid -> {
                response.setStatus(422);
                model.addAttribute("fieldError", invalid.field());
                model.addAttribute("error", invalid.message());
            }
            case Registration.Outcome.RateLimited limited -> {
                response.setStatus(429);
                model.addAttribute("error", "Too many sign-ups from your network. Try again later.");
            }
        }
        model.addAttribute("form", new Registration.SignUp(form.business(), businessName, name, email, phone, ""));
        return "identity/signup";
    }

    @GetMapping("/signup/verify")
    String verifyPage(HttpServletRequest request) {
        return pending(request) == null ? "redirect:/signup" : "identity/signup-verify";
    }

    @PostMapping("/signup/verify")
    String verify(@RequestParam(defaultValue = "") String emailCode, @RequestParam(defaultValue = "") String smsCode,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        String pending = pending(request);
        if (pending == null) {
            return "redirect:/signup";
        }
        if (!NONE.equals(pending) && registration.verify(pending, emailCode, smsCode, request.getRemoteAddr())) {
            request.getSession().removeAttribute(PENDING_ATTRIBUTE);
            return "redirect:/login?verified";
        }
        response.setStatus(422);
        model.addAttribute("error", "Those codes do not match. Check the newest e-mail and SMS, or send new codes.");
        return "identity/signup-verify";
    }

    @PostMapping("/signup/resend")
    String resend(HttpServletRequest request, Model model) {
        String pending = pending(request);
        if (pending == null) {
            return "redirect:/signup";
        }
        boolean sent = NONE.equals(pending) || registration.resendCodes(pending, request.getRemoteAddr());
        model.addAttribute(sent ? "info" : "error", sent ? "We sent new codes." : "Too many codes sent. Try again later.");
        return "identity/signup-verify";
    }

    private static String pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(PENDING_ATTRIBUTE);
    }
}
