package io.bastion.identity.web;

import io.bastion.identity.FactorSettings;
import io.bastion.identity.Passkeys;
import io.bastion.identity.RecoveryCodes;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Adds the factor overview (passkeys, recovery codes left, whether a step-up is fresh) to the security
 * centre's pages, so the centre's controller needs no knowledge of each factor.
 */
@ControllerAdvice(assignableTypes = SecurityCentreController.class)
class FactorModel {

    private final Passkeys passkeys;
    private final RecoveryCodes recoveryCodes;
    private final FactorSettings settings;
    private final BrowserSession browserSession;

    FactorModel(Passkeys passkeys, RecoveryCodes recoveryCodes, FactorSettings settings, BrowserSession browserSession) {
        this.passkeys = passkeys;
        this.recoveryCodes = recoveryCodes;
        this.settings = settings;
        this.browserSession = browserSession;
    }

    @ModelAttribute
    void factors(HttpServletRequest request, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInUser user)) {
            return;
        }
        model.addAttribute("passkeys", passkeys.list(user.userId()));
        model.addAttribute("recoveryCodesLeft", recoveryCodes.remaining(user.userId()));
        model.addAttribute("factorCount", settings.factorCount(user.userId()));
        model.addAttribute("steppedUp", browserSession.steppedUpWithin(request, FactorSettingsController.STEP_UP_FRESH_MAX));
    }
}
