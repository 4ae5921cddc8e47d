package io.bastion.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells security researchers how to reach us: {@code /.well-known/security.txt} (RFC 9116) and the
 * disclosure policy it points to, which is the repository's SECURITY.md copied in at build time.
 */
@RestController
class SecurityTxtController {

    /** RFC 9116 asks for an expiry under a year away; half a year keeps the file fresh without edits. */
    static final Duration EXPIRY = Duration.ofDays(180);
    static final String POLICY_RESOURCE = "security/SECURITY.md";
    static final MediaType TEXT_UTF8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final Clock clock;
    private final String publicUrl;
    private final String contactEmail;
    private final String policy;

    SecurityTxtController(Clock clock, @Value("${bastion.public-url:https://localhost:8443}") String publicUrl,
                          @Value("${bastion.security-contact:security@bastion.example}") String contactEmail) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.contactEmail = Objects.requireNonNull(contactEmail, "contactEmail");
        this.policy = readPolicy();
    }

    @GetMapping("/.well-known/security.txt")
    ResponseEntity<String> securityTxt() {
        String expires = clock.instant().plus(EXPIRY).truncatedTo(ChronoUnit.SECONDS).toString();
        String body = "# Report vulnerabilities in Bastion here; see the policy for scope, safe harbour and rewards.\n"
                + "Contact: mailto:" + contactEmail + "\n"
                + "Contact: " + publicUrl + "/security/policy\n"
                + "Expires: " + expires + "\n"
                + "Policy: " + publicUrl + "/security/policy\n"
                + "Canonical: " + publicUrl + "/.well-known/security.txt\n"
                + "Preferred-Languages: en\n";
        return ResponseEntity.ok().contentType(TEXT_UTF8).cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .body(body);
    }

    @GetMapping("/security/policy")
    ResponseEntity<String> policy() {
        return ResponseEntity.ok().contentType(TEXT_UTF8).cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .body(policy);
    }

    private static String readPolicy() {
        try (InputStream in = new ClassPathResource(POLICY_RESOURCE).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the build did not copy SECURITY.md to " + POLICY_RESOURCE, e);
        }
    }
}
