package io.bastion.platform;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * Writes each log event as one JSON line (time, level, logger, thread, request id, message, error)
 * with every string passed through {@link LogMasking}.
 */
public final class MaskingJsonFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private final ThrowableProxyConverter throwables = new ThrowableProxyConverter();
    private final JsonWriter<ILoggingEvent> writer;

    public MaskingJsonFormatter() {
        throwables.start();
        this.writer = JsonWriter.<ILoggingEvent>of(members -> {
            members.add("@timestamp", event -> Instant.ofEpochMilli(event.getTimeStamp()).toString());
            members.add("level", event -> event.getLevel().toString());
            members.add("logger", ILoggingEvent::getLoggerName);
            members.add("thread", ILoggingEvent::getThreadName);
            members.add("requestId", event -> mdc(event, "requestId")).whenNotNull();
            members.add("message", event -> LogMasking.mask(event.getFormattedMessage()));
            members.add("error", event -> event.getThrowableProxy() == null ? null
                    : LogMasking.mask(throwables.convert(event))).whenNotNull();
        }).withNewLineAtEnd();
    }

    private static String mdc(ILoggingEvent event, String key) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        return mdc == null ? null : mdc.get(key);
    }

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }
}
