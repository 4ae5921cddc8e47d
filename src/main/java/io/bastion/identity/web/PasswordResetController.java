package io.bastion.identity.web;

import io.bastion.identity.PasswordReset;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The password-reset pages. The link's token arrives in the URL path of the e-mailed link; the page it
 * opens is never cached, its script replaces the address in the history, and the form carries the
 * token onward in a hidden field of a POST, never in another URL.
 */
@Controller
class PasswordResetController {

    static final int TOKEN_LENGTH_MAX = 200;

    private final PasswordReset reset;

    PasswordResetController(PasswordReset reset) {
        this.reset = reset;
    }

    @GetMapping("/password/reset")
    String requestPage() {
        return "identity/password-reset";
    }

    @PostMapping("/password/reset")
    String request(@RequestParam(defaultValue = "") String email, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        if (reset.request(email, request.getRemoteAddr()) == PasswordReset.Requested.RATE_LIMITED) {
            response.setStatus(429);
            model.addAttribute("error", "Too many reset requests from your network. Wait a few minutes and try again.");
            return "identity/password-reset";
        }
        return "redirect:/password/reset?sent";
    }

    @GetMapping("/password/reset/{token}")
    String open(@PathVariable String token, HttpServletResponse response, Model model) {
        noStore(response);
        return form(token, response, model);
    }

    @PostMapping("/password/new")
    String choose(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        noStore(response);
        PasswordReset.Outcome outcome = reset.complete(token, password, code, request.getRemoteAddr());
        switch (outcome) {
            case PasswordReset.Outcome.Changed changed -> {
                return "redirect:/login?reset";
            }
            case PasswordReset.Outcome.LinkDead dead -> {
                return dead(response);
            }
            case PasswordReset.Outcome.Invalid invalid -> model.addAttribute("error", invalid.message());
            case PasswordReset.Outcome.SecondFactorWrong wrong ->
                    model.addAttribute("error", "That code from your authenticator app is not right. Try the newest code.");
        }
        response.setStatus(422);
        return form(token, response, model);
    }

    private String form(String token, HttpServletResponse response, Model model) {
        Optional<PasswordReset.Link> link = token.length() > TOKEN_LENGTH_MAX ? Optional.empty() : reset.open(token);
        if (link.isEmpty()) {
            return dead(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("totpRequired", link.get().totpRequired());
        return "identity/password-new";
    }

    private static String dead(HttpServletResponse response) {
        response.setStatus(410);
        return "identity/password-reset-dead";
    }

    /** Pages that carry a reset token must stay out of every cache. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader(HttpHeaders.PRAGMA, "no-cache");
    }
}
