package io.bastion.acquiring.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The one script of the hosted payment page and the policy that allows exactly it: its SHA-384 is computed
 * from the file at start-up, the page loads it with that integrity attribute, and the page's
 * Content-Security-Policy lists that hash as the only script source. No inline script, no other origin.
 */
@Component
final class CheckoutScript {

    static final String PATH = "static/js/pay.js";

    private final String integrity;

    CheckoutScript() {
        try (InputStream in = new ClassPathResource(PATH).getInputStream()) {
            byte[] digest = MessageDigest.getInstance("SHA-384").digest(in.readAllBytes());
            this.integrity = "sha384-" + Base64.getEncoder().encodeToString(digest);
        } catch (IOException e) {
            throw new UncheckedIOException("the hosted page's script " + PATH + " cannot be read", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is missing from this JVM", e);
        }
    }

    /** The integrity attribute of the script tag, e.g. {@code sha384-...}. */
    String integrity() {
        return integrity;
    }

    /** The hosted page's policy: its own script by hash, its own styles, its own challenge frame, nothing else. */
    String contentSecurityPolicy() {
        return "default-src 'none'; script-src '" + integrity + "'; style-src 'self'; img-src 'self'; "
                + "connect-src 'none'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'; object-src 'none'; upgrade-insecure-requests";
    }
}
