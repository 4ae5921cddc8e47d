package io.bastion.identity.web;

import io.bastion.identity.SignedInUser;
import io.bastion.identity.StaffAccounts;
import io.bastion.identity.SupportAccess;
import io.bastion.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
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

/**
 * The staff side of support access: a member of staff's own requests, the request form, and a customer's
 * profile, which exists for them only under their own live grant (404 otherwise). Operations admins also
 * unlock locked accounts here. Every page needs a signed-in member of staff (see the security rules).
 */
@Controller
class StaffSupportController {

    static final int REQUEST_MINUTES_DEFAULT = 60;

    private final SupportAccess support;
    private final StaffAccounts staffAccounts;
    private final BrowserSession browserSession;
    private final Clock clock;

    StaffSupportController(SupportAccess support, StaffAccounts staffAccounts, BrowserSession browserSession, Clock clock) {
        this.support = support;
        this.staffAccounts = staffAccounts;
        this.browserSession = browserSession;
        this.clock = clock;
    }

    @GetMapping("/staff")
    String home() {
        return "redirect:/staff/support";
    }

    @GetMapping("/staff/support")
    String requests(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("requests", support.requestsBy(user.userId()));
        model.addAttribute("now", clock.instant());
        model.addAttribute("operationsAdmin", user.staffRole() == UserAccount.StaffRole.OPERATIONS_ADMIN);
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/staff-support";
    }

    @PostMapping("/staff/support/requests")
    String request(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String email,
                   @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "READ_ONLY") SupportAccess.Scope scope,
                   @RequestParam(defaultValue = "" + REQUEST_MINUTES_DEFAULT) long minutes, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        Optional<String> customer = support.customerIdByEmail(email);
        SupportAccess.Requested outcome = support.request(user.userId(), customer.orElse(null), reason, scope,
                Duration.ofMinutes(minutes), request.getRemoteAddr());
        if (outcome instanceof SupportAccess.Requested.Refused refused) {
            response.setStatus(422);
            model.addAttribute("error", refused.message());
            model.addAttribute("email", email);
            model.addAttribute("reason", reason);
            return requests(user, model);
        }
        return "redirect:/staff/support?requested";
    }

    @GetMapping("/staff/customers/{userId}")
    String customer(@AuthenticationPrincipal SignedInUser user, @PathVariable String userId, HttpServletRequest request, Model model) {
        SupportAccess.CustomerProfile profile = support.viewCustomer(user.userId(), userId, request.getRemoteAddr())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("profile", profile);
        model.addAttribute("readWrite", profile.grant().scope() == SupportAccess.Scope.READ_WRITE);
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/staff-customer";
    }

    @PostMapping("/staff/customers/{userId}/sessions/end")
    String endSessions(@AuthenticationPrincipal SignedInUser user, @PathVariable String userId, HttpServletRequest request) {
        return afterWrite(support.endCustomerSessions(user.userId(), userId, request.getRemoteAddr()), userId, "sessionsEnded");
    }

    @PostMapping("/staff/customers/{userId}/codes")
    String sendCodes(@AuthenticationPrincipal SignedInUser user, @PathVariable String userId, HttpServletRequest request) {
        return afterWrite(support.sendVerificationCodes(user.userId(), userId, request.getRemoteAddr()), userId, "codesSent");
    }

    private static String afterWrite(SupportAccess.Result result, String userId, String flag) {
        return switch (result) {
            case DONE -> "redirect:/staff/customers/" + userId + "?" + flag;
            case NOTHING_TO_DO -> "redirect:/staff/customers/" + userId + "?nothingToDo";
            case GRANT_IS_READ_ONLY -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        };
    }

    @GetMapping("/staff/unlock")
    String unlockPage(@AuthenticationPrincipal SignedInUser user, Model model) {
        requireOperationsAdmin(user);
        model.addAttribute("idleSeconds", browserSession.idleLimit(user).toSeconds());
        return "identity/staff-unlock";
    }

    @PostMapping("/staff/unlock")
    String unlockByEmail(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String email,
                         HttpServletRequest request) {
        return afterUnlock(staffAccounts.unlockByEmail(user.userId(), email, request.getRemoteAddr()));
    }

    @PostMapping("/staff/users/{id}/unlock")
    String unlock(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, HttpServletRequest request) {
        return afterUnlock(staffAccounts.unlock(user.userId(), id, request.getRemoteAddr()));
    }

    private static String afterUnlock(StaffAccounts.Unlock result) {
        return switch (result) {
            case UNLOCKED -> "redirect:/staff/unlock?unlocked";
            case NOT_FOUND -> "redirect:/staff/unlock?unknown";
            case ROLE_MUST_BE_OPERATIONS_ADMIN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        };
    }

    private static void requireOperationsAdmin(SignedInUser user) {
        if (user.staffRole() != UserAccount.StaffRole.OPERATIONS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
