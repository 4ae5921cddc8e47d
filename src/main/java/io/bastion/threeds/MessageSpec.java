package io.bastion.threeds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The elements one message type may carry, which are required, and the format each must match. */
record MessageSpec<T extends ThreeDsMessage>(String messageType, char receiver, Map<String, Element> elements,
        Function<Map<String, String>, T> build) {

    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** One element: required or not, and the pattern its whole value must match. */
    record Element(boolean required, Pattern format) {
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects elements in declaration order. */
    static final class Builder {
        private final Map<String, Element> elements = new LinkedHashMap<>();

        Builder required(String name, String regex) {
            elements.put(name, new Element(true, Pattern.compile(regex)));
            return this;
        }

        Builder optional(String name, String regex) {
            elements.put(name, new Element(false, Pattern.compile(regex)));
            return this;
        }

        Map<String, Element> build() {
            return Map.copyOf(elements);
        }
    }
}
