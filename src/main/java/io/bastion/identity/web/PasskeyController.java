package io.bastion.identity.web;

import io.bastion.identity.FactorSettings;
import io.bastion.identity.Passkeys;
import io.bastion.identity.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON half of the passkey ceremonies that static/js/passkey.js drives: registering a passkey from
 * the security centre (or while enrolling a first factor), proving one as the second step of sign-in
 * after the password, and proving one as a step-up before changing factors. Options live in the
 * server-side session between the two requests of a ceremony, and each is used once.
 */
@Controller
class PasskeyController {

    static final String CREATION_OPTIONS_ATTRIBUTE = "bastion.passkeyCreationOptions";
    static final String REQUEST_OPTIONS_ATTRIBUTE = "bastion.passkeyRequestOptions";
    private static final TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>> ASSERTION = new TypeReference<>() {
    };

    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();
    private final Passkeys passkeys;
    private final FactorSettings settings;
    private final BrowserSession browserSession;

    PasskeyController(Passkeys passkeys, FactorSettings settings, BrowserSession browserSession) {
        this.passkeys = passkeys;
        this.settings = settings;
        this.browserSession = browserSession;
    }

    @PostMapping("/security/passkeys/options")
    ResponseEntity<String> registrationOptions(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
        if (!FactorSettingsController.mayChangeFactors(user, settings, browserSession, request)) {
            return answer(HttpStatus.FORBIDDEN, Map.of("error", "Confirm it is you first.", "redirect", "/security/step-up"));
        }
        PublicKeyCredentialCreationOptions options = passkeys.registrationOptions(user.userId());
        request.getSession().setAttribute(CREATION_OPTIONS_ATTRIBUTE, options);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(options));
    }

    @PostMapping("/security/passkeys")
    ResponseEntity<String> register(@AuthenticationPrincipal SignedInUser user, @RequestBody String body,
                                    HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        Object options = session.getAttribute(CREATION_OPTIONS_ATTRIBUTE);
        session.removeAttribute(CREATION_OPTIONS_ATTRIBUTE);
        RelyingPartyPublicKey key = read(body, RelyingPartyPublicKey.class);
        if (!(options instanceof PublicKeyCredentialCreationOptions creation) || key == null
                || !passkeys.register(user.userId(), creation, key, request.getRemoteAddr())) {
            return answer(HttpStatus.UNPROCESSABLE_ENTITY, Map.of("error", "That passkey could not be registered. Try again."));
        }
        if (user.stage() == SignedInUser.Stage.MUST_ENROL_SECOND_FACTOR) {
            browserSession.establish(user.at(SignedInUser.Stage.COMPLETE), request, response);
        }
        browserSession.steppedUp(request);
        return answer(HttpStatus.OK, Map.of("redirect", "/security?passkey"));
    }

    @PostMapping({"/login/second-factor/passkey/options", "/security/step-up/passkey/options"})
    ResponseEntity<String> assertionOptions(@AuthenticationPrincipal SignedInUser user, HttpServletRequest request) {
        PublicKeyCredentialRequestOptions options = passkeys.assertionOptions(user.userId());
        if (options.getAllowCredentials().isEmpty()) {
            return answer(HttpStatus.NOT_FOUND, Map.of("error", "You have no passkey yet. Use a code instead."));
        }
        request.getSession().setAttribute(REQUEST_OPTIONS_ATTRIBUTE, options);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(options));
    }

    /** The second step of sign-in: the password identified the user, the passkey completes the session. */
    @PostMapping("/login/second-factor/passkey")
    ResponseEntity<String> signIn(@AuthenticationPrincipal SignedInUser user, @RequestBody String body,
                                  HttpServletRequest request, HttpServletResponse response) {
        if (verified(user, body, false, request)) {
            browserSession.establish(user.at(SignedInUser.Stage.COMPLETE), request, response);
            browserSession.steppedUp(request);
            return answer(HttpStatus.OK, Map.of("redirect", "/account"));
        }
        int triesLeft = SignInController.secondFactorFailed(request);
        return triesLeft == 0 ? answer(HttpStatus.UNAUTHORIZED, Map.of("error", "Sign-in ended.", "redirect", "/login?ended"))
                : answer(HttpStatus.UNAUTHORIZED, Map.of("error", "That passkey was not accepted. " + triesLeft + " tries left."));
    }

    @PostMapping("/security/step-up/passkey")
    ResponseEntity<String> stepUp(@AuthenticationPrincipal SignedInUser user, @RequestBody String body, HttpServletRequest request) {
        if (!verified(user, body, true, request)) {
            return answer(HttpStatus.UNAUTHORIZED, Map.of("error", "That passkey was not accepted."));
        }
        browserSession.steppedUp(request);
        return answer(HttpStatus.OK, Map.of("redirect", "/security?steppedup"));
    }

    private boolean verified(SignedInUser user, String body, boolean stepUp, HttpServletRequest request) {
        HttpSession session = request.getSession();
        Object options = session.getAttribute(REQUEST_OPTIONS_ATTRIBUTE);
        session.removeAttribute(REQUEST_OPTIONS_ATTRIBUTE);
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion = read(body, ASSERTION);
        return options instanceof PublicKeyCredentialRequestOptions requestOptions && assertion != null
                && passkeys.verify(user.userId(), requestOptions, assertion, stepUp, request.getRemoteAddr());
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private ResponseEntity<String> answer(HttpStatus status, Map<String, String> body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
    }
}
