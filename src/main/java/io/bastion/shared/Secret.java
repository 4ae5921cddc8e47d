package io.bastion.shared;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A secret value (password, API key, code) whose {@code toString()} never reveals it. */
public record Secret(String value) {

    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** Compares in constant time so the comparison does not leak how many characters matched. */
    public boolean matches(String other) {
        return other != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
