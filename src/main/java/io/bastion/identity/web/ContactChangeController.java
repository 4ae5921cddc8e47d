package io.bastion.identity.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.ContactChange;
import io.bastion.identity.SignedInUser;
import io.bastion.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Changing the e-mail address or phone number: only right after a fresh second factor, and only once
 * a code sent to the new address or phone comes back. The address being proven lives in the session.
 */
@Controller
class ContactChangeController {

    /** How recent the second factor must be to start a change. */
    static final Duration STEP_UP_FRESH_MAX = SecurityCentreController.STEP_UP_FRESH_MAX;
    /** How recent it must still be to finish one (the code can take a few minutes to arrive). */
    static final Duration STEP_UP_CONFIRM_MAX = Duration.ofMinutes(15);
    static final String PENDING_ATTRIBUTE = "bastion.contactChange.";
    static final Map<String, ContactChange.Contact> CONTACTS = Map.of(
            "email", ContactChange.Contact.EMAIL,
            "phone", ContactChange.Contact.PHONE);

    private final ContactChange change;
    private final AccountSecurity security;
    private final BrowserSession browserSession;

    ContactChangeController(ContactChange change, AccountSecurity security, BrowserSession browserSession) {
        this.change = change;
        this.security = security;
        this.browserSession = browserSession;
    }

    @GetMapping("/security/contact/{contact}")
    String form(@AuthenticationPrincipal SignedInUser user, @PathVariable String contact, HttpServletRequest request, Model model) {
        contact(contact);
        if (!browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX)) {
            return StepUpController.redirectFor(contact);
        }
        return render(user, contact, null, model);
    }

    @PostMapping("/security/contact/{contact}")
    String start(@AuthenticationPrincipal SignedInUser user, @PathVariable String contact, @RequestParam(defaultValue = "") String value,
                 HttpServletRequest request, HttpServletResponse response, Model model) {
        ContactChange.Contact which = contact(contact);
        if (!browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX)) {
            return StepUpController.redirectFor(contact);
        }
        switch (change.start(user.userId(), which, value, request.getRemoteAddr())) {
            case CODE_SENT -> {
                request.getSession().setAttribute(PENDING_ATTRIBUTE + contact, value.trim());
                return "redirect:/security/contact/" + contact + "/confirm";
            }
            case INVALID -> {
                response.setStatus(422);
                model.addAttribute("error", which == ContactChange.Contact.EMAIL ? "Enter a valid e-mail address."
                        : "Enter your mobile number with its country code, like +447700900123.");
            }
            case UNCHANGED -> {
                response.setStatus(422);
                model.addAttribute("error", which == ContactChange.Contact.EMAIL ? "That is already your e-mail address."
                        : "That is already your phone number.");
            }
            case RATE_LIMITED -> {
                response.setStatus(429);
                model.addAttribute("error", "Too many codes sent. Try again later.");
            }
        }
        return render(user, contact, null, model);
    }

    @GetMapping("/security/contact/{contact}/confirm")
    String codePage(@AuthenticationPrincipal SignedInUser user, @PathVariable String contact, HttpServletRequest request,
                    Model model) {
        contact(contact);
        String pending = pending(request, contact);
        if (pending == null || !browserSession.steppedUpWithin(request, STEP_UP_CONFIRM_MAX)) {
            return "redirect:/security/contact/" + contact;
        }
        return render(user, contact, pending, model);
    }

    @PostMapping("/security/contact/{contact}/confirm")
    String confirm(@AuthenticationPrincipal SignedInUser user, @PathVariable String contact, @RequestParam(defaultValue = "") String code,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        ContactChange.Contact which = contact(contact);
        String pending = pending(request, contact);
        if (pending == null || !browserSession.steppedUpWithin(request, STEP_UP_CONFIRM_MAX)) {
            return "redirect:/security/contact/" + contact;
        }
        if (change.confirm(user.userId(), which, pending, code, request.getRemoteAddr())) {
            request.getSession().removeAttribute(PENDING_ATTRIBUTE + contact);
            // A new session id after a change of identity details, and a principal that shows the new address.
            UserAccount now = security.user(user.userId()).orElseThrow();
            browserSession.establish(new SignedInUser(user.userId(), user.kind(), user.staffRole(), user.displayName(), now.email(),
                    user.stage()), request, response);
            return "redirect:/security?changed=" + contact;
        }
        response.setStatus(422);
        model.addAttribute("error", "That code is not right, or it expired. Check the newest message or ask for a new code.");
        return render(user, contact, pending, model);
    }

    private String render(SignedInUser user, String contact, String pending, Model model) {
        UserAccount account = security.user(user.userId()).orElseThrow();
        model.addAttribute("contact", contact);
        model.addAttribute("current", "email".equals(contact) ? account.email() : account.phone());
        model.addAttribute("pending", pending);
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/contact-change";
    }

    private static ContactChange.Contact contact(String contact) {
        ContactChange.Contact which = CONTACTS.get(contact);
        if (which == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return which;
    }

    private static String pending(HttpServletRequest request, String contact) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(PENDING_ATTRIBUTE + contact);
    }
}
