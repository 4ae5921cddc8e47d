package io.bastion.threeds;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes EMV 3DS 2.2 messages. Reading validates on receipt: the message type and version,
 * required elements, each element's format, no unknown or duplicate elements. A failure is an {@link Erro}
 * value with the spec's code; no exception leaves {@link #parse}.
 */
public final class ThreeDsMessages {

    /** Larger documents are refused before parsing; real messages are a few kilobytes. */
    public static final int MESSAGE_BYTES_MAX = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ThreeDsMessages() {
    }

    /** Reads one message of the expected type, or the Erro message that refuses it. */
    public static <T extends ThreeDsMessage> ParseResult<T> parse(String json, Class<T> type) {
        MessageSpec<T> spec = MessageSpecs.of(type);
        if (json == null || json.getBytes(StandardCharsets.UTF_8).length > MESSAGE_BYTES_MAX) {
            return refuse(spec, Erro.MESSAGE_RECEIVED_INVALID, "Message Received Invalid", "size");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            boolean duplicate = e.getMessage() != null && e.getMessage().startsWith("Duplicate");
            return duplicate
                    ? refuse(spec, Erro.DUPLICATE_ELEMENT, "Duplicate Data Element", "duplicate")
                    : refuse(spec, Erro.MESSAGE_RECEIVED_INVALID, "Message Received Invalid", "not JSON");
        } catch (RuntimeException e) {
            return refuse(spec, Erro.MESSAGE_RECEIVED_INVALID, "Message Received Invalid", "not JSON");
        }
        if (root == null || !root.isObject()) {
            return refuse(spec, Erro.MESSAGE_RECEIVED_INVALID, "Message Received Invalid", "not an object");
        }
        return validate(root, spec);
    }

    private static <T extends ThreeDsMessage> ParseResult<T> validate(JsonNode root, MessageSpec<T> spec) {
        JsonNode messageType = root.get("messageType");
        if (messageType == null || !messageType.isString() || !spec.messageType().equals(messageType.asString())) {
            return refuse(spec, Erro.MESSAGE_RECEIVED_INVALID, "Message Received Invalid", "messageType");
        }
        JsonNode version = root.get("messageVersion");
        if (version == null) {
            return refuse(spec, Erro.REQUIRED_ELEMENT_MISSING, "Required Data Element Missing", "messageVersion");
        }
        if (!version.isString() || !ThreeDsMessage.VERSION.equals(version.asString())) {
            return refuse(spec, Erro.VERSION_NOT_SUPPORTED, "Message Version Number Not Supported", "messageVersion");
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            MessageSpec.Element element = spec.elements().get(field.getKey());
            if (element == null) {
                return refuse(spec, Erro.FORMAT_INVALID, "Unknown Data Element", safeName(field.getKey()));
            }
            JsonNode value = field.getValue();
            if (!value.isString() || !element.format().matcher(value.asString()).matches()) {
                return refuse(spec, Erro.FORMAT_INVALID, "Format of Data Element Invalid", field.getKey());
            }
            values.put(field.getKey(), value.asString());
        }
        for (Map.Entry<String, MessageSpec.Element> element : spec.elements().entrySet()) {
            if (element.getValue().required() && !values.containsKey(element.getKey())) {
                return refuse(spec, Erro.REQUIRED_ELEMENT_MISSING, "Required Data Element Missing", element.getKey());
            }
        }
        String conditional = MessageSpecs.conditionalMissing(spec.messageType(), values);
        if (conditional != null) {
            return refuse(spec, Erro.REQUIRED_ELEMENT_MISSING, "Required Data Element Missing", conditional);
        }
        return new ParseResult.Valid<>(spec.build().apply(values));
    }

    /** Writes a message as the JSON document the spec defines. */
    public static String write(ThreeDsMessage message) {
        Objects.requireNonNull(message, "message");
        return JSON.writeValueAsString(message);
    }

    private static <T extends ThreeDsMessage> ParseResult<T> refuse(MessageSpec<T> spec, String code,
            String description, String detail) {
        return new ParseResult.Refused<>(Erro.of(code, spec.receiver(), description, detail, spec.messageType()));
    }

    // An unknown element's name is outside input: bound it and keep it printable before echoing it back.
    private static String safeName(String name) {
        String printable = name.replaceAll("[^A-Za-z0-9_]", "?");
        return printable.isEmpty() ? "?" : printable.substring(0, Math.min(64, printable.length()));
    }
}
