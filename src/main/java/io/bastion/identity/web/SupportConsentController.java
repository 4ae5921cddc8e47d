package io.bastion.identity.web;

import io.bastion.identity.AccountSecurity;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import io.bastion.identity.SupportAccess;
import io.bastion.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
 * The owner's side of support access: pending requests to approve (with a second factor) or deny, live
 * grants to revoke, and what staff did under each grant.
 */
@Controller
class SupportConsentController {

    private final SupportAccess support;
    private final AccountSecurity accountSecurity;
    private final SecondFactors factors;
    private final BrowserSession browserSession;
    private final Clock clock;

    SupportConsentController(SupportAccess support, AccountSecurity accountSecurity, SecondFactors factors,
                             BrowserSession browserSession, Clock clock) {
        this.support = support;
        this.accountSecurity = accountSecurity;
        this.factors = factors;
        this.browserSession = browserSession;
        this.clock = clock;
    }

    @GetMapping("/support")
    String page(@AuthenticationPrincipal SignedInUser user, Model model) {
        requireCustomer(user);
        UserAccount account = accountSecurity.user(user.userId()).orElseThrow();
        List<SupportAccess.Grant> grants = support.grantsFor(user.userId());
        Map<String, List<SupportAccess.Use>> uses = support.usesFor(user.userId()).stream()
                .collect(Collectors.groupingBy(SupportAccess.Use::grantId));
        model.addAttribute("account", account);
        model.addAttribute("grants", grants);
        model.addAttribute("uses", uses);
        model.addAttribute("now", clock.instant());
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/support";
    }

    @PostMapping("/support/sms")
    String sendCode(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, Model model) {
        requireCustomer(user);
        boolean sent = factors.sendSmsCode(user.userId(), true, request.getRemoteAddr());
        model.addAttribute(sent ? "info" : "error", sent ? "We sent a code to your phone." : "Too many codes sent. Try again later.");
        return page(user, model);
    }

    @PostMapping("/support/{grantId}/approve")
    String approve(@AuthenticationPrincipal SignedInUser user, @PathVariable String grantId,
                   @RequestParam(defaultValue = "TOTP") SecondFactors.Method method, @RequestParam(defaultValue = "") String code,
                   HttpServletRequest request, HttpServletResponse response, Model model) {
        requireCustomer(user);
        return switch (support.approve(user.userId(), grantId, method, code, request.getRemoteAddr())) {
            case DONE -> {
                browserSession.steppedUp(request);
                yield "redirect:/support?approved";
            }
            case SECOND_FACTOR_REJECTED -> {
                response.setStatus(422);
                model.addAttribute("error", "That code is not right. Approval needs a current code.");
                yield page(user, model);
            }
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    @PostMapping("/support/{grantId}/deny")
    String deny(@AuthenticationPrincipal SignedInUser user, @PathVariable String grantId, HttpServletRequest request) {
        requireCustomer(user);
        return found(support.deny(user.userId(), grantId, request.getRemoteAddr()), "redirect:/support?denied");
    }

    @PostMapping("/support/{grantId}/revoke")
    String revoke(@AuthenticationPrincipal SignedInUser user, @PathVariable String grantId, HttpServletRequest request) {
        requireCustomer(user);
        return found(support.revoke(user.userId(), grantId, request.getRemoteAddr()), "redirect:/support?revoked");
    }

    private static String found(SupportAccess.Result result, String view) {
        if (result != SupportAccess.Result.DONE) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return view;
    }

    /** Staff accounts have no support grants of their own; the page is for customers. */
    private static void requireCustomer(SignedInUser user) {
        if (user.staff()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
