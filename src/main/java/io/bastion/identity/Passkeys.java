package io.bastion.identity;

import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditRecord;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Service;

/**
 * Passkeys (WebAuthn) as a second factor, on Spring Security's relying party with its JDBC repositories.
 * Bastion drives the ceremonies from its own endpoints instead of {@code HttpSecurity.webAuthn()}: that
 * filter signs a user in from nothing (passwordless), while here a passkey only completes a sign-in the
 * password already started, for the user the password identified, inside Bastion's own session handling.
 */
@Service
public class Passkeys {

    static final int PASSKEYS_PER_USER_MAX = 10;
    static final int LABEL_LENGTH_MAX = 60;
    static final String RP_NAME = "Bastion";

    /** A registered passkey as its owner sees it; the id is the credential id (base64url), not a secret. */
    public record Passkey(String id, String label, Instant created, Instant lastUsed) {
    }

    private final PublicKeyCredentialUserEntityRepository userEntities;
    private final WebAuthnRelyingPartyOperations relyingParty;
    private final Set<String> allowedOrigins = ConcurrentHashMap.newKeySet();
    private final String rpId;
    private final boolean allowServerPort;
    private final UserStore users;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    Passkeys(JdbcTemplate jdbcTemplate, JdbcClient jdbc, UserStore users, AuditLog audit, Environment environment,
             @Value("${bastion.public-url:https://localhost:8443}") String publicUrl,
             @Value("${bastion.webauthn.rp-id:}") String rpId,
             @Value("${bastion.webauthn.allowed-origins:}") List<String> allowedOrigins) {
        this.rpId = rpId.isBlank() ? URI.create(publicUrl).getHost() : rpId;
        this.allowedOrigins.add(stripSlash(publicUrl));
        allowedOrigins.stream().filter(o -> !o.isBlank()).map(Passkeys::stripSlash).forEach(this.allowedOrigins::add);
        // In dev the server may listen on a port other than the public URL's (tests take a random one):
        // the exact origin it listens on is added once known, never a wildcard, and never outside dev.
        this.allowServerPort = environment.acceptsProfiles(Profiles.of("dev"));
        this.userEntities = new JdbcPublicKeyCredentialUserEntityRepository(jdbcTemplate);
        this.relyingParty = new Webauthn4JRelyingPartyOperations(userEntities, new JdbcUserCredentialRepository(jdbcTemplate),
                PublicKeyCredentialRpEntity.builder().id(this.rpId).name(RP_NAME).build(), this.allowedOrigins);
        this.users = users;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (allowServerPort) {
            allowedOrigins.add("https://" + rpId + ":" + event.getWebServer().getPort());
        }
    }

    public String rpId() {
        return rpId;
    }

    /** The origins whose ceremonies are accepted (the public URL, plus the dev server's own in dev). */
    public Set<String> allowedOrigins() {
        return Set.copyOf(allowedOrigins);
    }

    /** Options for registering a new passkey; the caller keeps them in the session for {@link #register}. */
    public PublicKeyCredentialCreationOptions registrationOptions(String userId) {
        UserAccount user = users.byId(userId).orElseThrow();
        if (userEntities.findByUsername(userId) == null) {
            // Spring would name the passkey after the user id; the e-mail address is what people recognise.
            userEntities.save(ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.random()).name(userId)
                    .displayName(user.email()).build());
        }
        return relyingParty.createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(
                UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of())));
    }

    /** Checks and stores a new passkey made with the given options; false (audited) when it does not verify. */
    public boolean register(String userId, PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key, String ip) {
        boolean ok = userId.equals(options.getUser().getName()) && list(userId).size() < PASSKEYS_PER_USER_MAX;
        if (ok) {
            try {
                String label = key.getLabel() == null || key.getLabel().isBlank() ? "Passkey" : key.getLabel().strip();
                relyingParty.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                        new RelyingPartyPublicKey(key.getCredential(), label.substring(0, Math.min(label.length(), LABEL_LENGTH_MAX)))));
            } catch (RuntimeException e) {
                ok = false;
            }
        }
        audit.record(AuditRecord.of(userId, "identity.factor.passkey.registered", userId,
                ok ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, ip));
        return ok;
    }

    /** Options for proving a passkey of this user (only the user's own passkeys are allowed). */
    public PublicKeyCredentialRequestOptions assertionOptions(String userId) {
        return relyingParty.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(
                UsernamePasswordAuthenticationToken.authenticated(userId, null, List.of())));
    }

    /** True when the assertion verifies against the options and belongs to this user; audited either way. */
    public boolean verify(String userId, PublicKeyCredentialRequestOptions options,
                          PublicKeyCredential<AuthenticatorAssertionResponse> assertion, boolean stepUp, String ip) {
        boolean ok;
        try {
            // Empty allowed credentials would let any registered passkey through; the user has none then anyway.
            PublicKeyCredentialUserEntity owner = options.getAllowCredentials().isEmpty() ? null
                    : relyingParty.authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
            ok = owner != null && userId.equals(owner.getName());
        } catch (RuntimeException e) {
            ok = false;
        }
        audit.record(new AuditRecord(userId, stepUp ? "identity.stepup" : "identity.login.second-factor", userId,
                ok ? AuditRecord.Outcome.SUCCESS : AuditRecord.Outcome.FAILURE, ip, Map.of("method", "PASSKEY")));
        return ok;
    }

    public List<Passkey> list(String userId) {
        return jdbc.sql("""
                SELECT c.credential_id, c.label, c.created, c.last_used FROM user_credentials c
                JOIN user_entities e ON e.id = c.user_entity_user_id WHERE e.name = ? ORDER BY c.created LIMIT ?""")
                .params(userId, PASSKEYS_PER_USER_MAX)
                .query((rs, n) -> new Passkey(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)),
                        instant(rs.getTimestamp(4))))
                .list();
    }

    boolean any(String userId) {
        return jdbc.sql("SELECT count(*) FROM user_credentials c JOIN user_entities e ON e.id = c.user_entity_user_id WHERE e.name = ?")
                .param(userId).query(Long.class).single() > 0;
    }

    /** Deletes one of the user's own passkeys; false when the user has no passkey with that id. */
    boolean remove(String userId, String credentialId) {
        return jdbc.sql("""
                DELETE FROM user_credentials WHERE credential_id = ?
                AND user_entity_user_id IN (SELECT id FROM user_entities WHERE name = ?)""")
                .params(Objects.requireNonNullElse(credentialId, ""), userId).update() == 1;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
