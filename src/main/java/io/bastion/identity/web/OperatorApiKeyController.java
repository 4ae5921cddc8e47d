package io.bastion.identity.web;

import io.bastion.identity.ApiKey;
import io.bastion.identity.ApiKeyPrincipal;
import io.bastion.identity.ApiKeys;
import io.bastion.identity.ApiScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Operator API keys: create (the secret is shown once), list, read and revoke. */
@RestController
@RequestMapping("/v1/operator/api-keys")
class OperatorApiKeyController {

    private final ApiKeys apiKeys;

    OperatorApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateKey(@NotBlank @Size(max = 100) String name, @NotEmpty @Size(max = 8) Set<ApiScope> scopes,
                     @Future Instant expiresAt) {
    }

    record KeyView(String id, String name, String prefix, List<String> scopes, Instant createdAt, Instant expiresAt,
                   Instant revokedAt, Instant lastUsedAt, String secret) {

        static KeyView of(ApiKey key, String secret) {
            return new KeyView(key.id(), key.name(), key.prefix(), key.scopes().stream().map(ApiScope::value).sorted().toList(),
                    key.createdAt(), key.expiresAt(), key.revokedAt(), key.lastUsedAt(), secret);
        }
    }

    record KeyPage(List<KeyView> data, String nextCursor) {
    }

    @PostMapping
    ResponseEntity<KeyView> create(@Valid @RequestBody CreateKey body, @AuthenticationPrincipal ApiKeyPrincipal caller,
                                   HttpServletRequest request) {
        if (!ApiScope.operatorScopes().containsAll(body.scopes())) {
            throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT, "operator keys carry operator scopes only");
        }
        ApiKeys.Issued issued = apiKeys.issue(ApiKeyPrincipal.OwnerKind.OPERATOR, caller.ownerId(), body.name(),
                EnumSet.copyOf(body.scopes()), body.expiresAt(), caller.keyId(), request.getRemoteAddr());
        return ResponseEntity.created(URI.create("/v1/operator/api-keys/" + issued.key().id()))
                .header("Cache-Control", "no-store")
                .body(KeyView.of(issued.key(), issued.secret().value()));
    }

    @GetMapping
    KeyPage list(@AuthenticationPrincipal ApiKeyPrincipal caller, @RequestParam(required = false) @Size(max = 64) String cursor,
                 @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        List<KeyView> page = apiKeys.list(ApiKeyPrincipal.OwnerKind.OPERATOR, caller.ownerId(), cursor, limit).stream()
                .map(k -> KeyView.of(k, null)).toList();
        return new KeyPage(page, page.size() == limit ? page.getLast().id() : null);
    }

    @GetMapping("/{id}")
    KeyView get(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal caller) {
        return apiKeys.find(ApiKeyPrincipal.OwnerKind.OPERATOR, caller.ownerId(), id).map(k -> KeyView.of(k, null))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping("/{id}/revoke")
    KeyView revoke(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal caller, HttpServletRequest request) {
        if (!apiKeys.revoke(ApiKeyPrincipal.OwnerKind.OPERATOR, caller.ownerId(), id, caller.keyId(), request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return get(id, caller);
    }
}
