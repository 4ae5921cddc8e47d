package io.bastion.identity.web;

import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiScope;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells an API client which key it is using: lets an integrator check a key and its scopes without side effects. */
@RestController
class WhoAmIController {

    /** The calling key: its id, the kind and id of its owner, and its scopes. */
    record WhoAmI(String keyId, String ownerKind, String ownerId, List<String> scopes) {
    }

    @GetMapping("/v1/whoami")
    WhoAmI whoami(@AuthenticationPrincipal ApiKeyPrincipal caller) {
        return new WhoAmI(caller.keyId(), caller.ownerKind().name().toLowerCase(Locale.ROOT), caller.ownerId(),
                caller.scopes().stream().map(ApiScope::value).sorted().toList());
    }
}
