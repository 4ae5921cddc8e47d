package io.bastion.vault;

import java.util.Objects;
import java.util.regex.Pattern;

/** A vault token standing for one stored card: {@code tok_} and random characters, revealing nothing. */
public record CardToken(String value) {

    private static final Pattern SHAPE = Pattern.compile("tok_[A-Za-z0-9_-]+");

    static final String PREFIX = "tok_";
    static final int LENGTH_MAX = 64;

    public CardToken {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX) || value.length() > LENGTH_MAX || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a card token");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
