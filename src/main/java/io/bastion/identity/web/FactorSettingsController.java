package io.bastion.identity.web;

import io.bastion.identity.FactorSettings;
import io.bastion.identity.RecoveryCodes;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Changing second factors from the security centre: the step-up page (a fresh code or passkey), the
 * SMS factor switch, switching the authenticator app off, removing passkeys and new recovery codes.
 * Every change needs a second factor seen in the last {@link #STEP_UP_FRESH_MAX}, unless the user has
 * no factor at all yet (then there is nothing to prove and adding one is what we want).
 */
@Controller
class FactorSettingsController {

    static final Duration STEP_UP_FRESH_MAX = SecurityCentreController.STEP_UP_FRESH_MAX;
    static final String STEP_UP = "redirect:/security/step-up";

    private final FactorSettings settings;
    private final SecondFactors factors;
    private final RecoveryCodes recoveryCodes;
    private final BrowserSession browserSession;

    FactorSettingsController(FactorSettings settings, SecondFactors factors, RecoveryCodes recoveryCodes,
                             BrowserSession browserSession) {
        this.settings = settings;
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.browserSession = browserSession;
    }

    /** A user may change factors with a fresh step-up, or freely while they have none. */
    static boolean mayChangeFactors(SignedInUser user, FactorSettings settings, BrowserSession browserSession,
                                    HttpServletRequest request) {
        return browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX) || !settings.hasAnyFactor(user.userId());
    }

    @PostMapping("/security/sms-factor")
    String smsFactor(@AuthenticationPrincipal SignedInUser user, @RequestParam boolean enabled, HttpServletRequest request) {
        if (!mayChangeFactors(user, settings, browserSession, request)) {
            return STEP_UP;
        }
        return outcome(settings.setSmsFactor(user.userId(), enabled, request.getRemoteAddr()), enabled ? "sms-on" : "sms-off");
    }

    @PostMapping("/security/two-factor/disable")
    String disableTotp(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
        if (!mayChangeFactors(user, settings, browserSession, request)) {
            return STEP_UP;
        }
        return outcome(settings.disableTotp(user.userId(), request.getRemoteAddr()), "totp-off");
    }

    @PostMapping("/security/passkeys/{id}/remove")
    String removePasskey(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, HttpServletRequest request) {
        if (!mayChangeFactors(user, settings, browserSession, request)) {
            return STEP_UP;
        }
        return outcome(settings.removePasskey(user.userId(), id, request.getRemoteAddr()), "passkey-removed");
    }

    /** New recovery codes, shown on this response only: never stored in clear, never cached. */
    @PostMapping("/security/recovery-codes")
    String newRecoveryCodes(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request, HttpServletResponse response,
                            Model model) {
        if (!settings.hasAnyFactor(user.userId())) {
            return "redirect:/security?change=NEEDS_A_FACTOR";
        }
        if (!browserSession.steppedUpWithin(request, STEP_UP_FRESH_MAX)) {
            return STEP_UP;
        }
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("codes", recoveryCodes.regenerate(user.userId(), request.getRemoteAddr()));
        return "identity/recovery-codes";
    }

    private static String outcome(FactorSettings.Change change, String done) {
        return change == FactorSettings.Change.DONE ? "redirect:/security?changed=" + done : "redirect:/security?change=" + change.name();
    }
}
