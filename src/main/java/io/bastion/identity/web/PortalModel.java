package io.bastion.identity.web;

import io.bastion.identity.SignedInUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the fully signed-in user (or null), for the navigation bar. */
@ControllerAdvice(annotations = Controller.class)
class PortalModel {

    @ModelAttribute("currentUser")
    SignedInUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedInUser user && user.stage() == SignedInUser.Stage.COMPLETE
                ? user : null;
    }
}
