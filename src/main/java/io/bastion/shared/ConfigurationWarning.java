package io.bastion.shared;

import org.springframework.context.ApplicationEvent;

/**
 * Published while Bastion starts when a setting is acceptable only for development, or is about to stop
 * the start; the audit module records it. An {@link ApplicationEvent} so that listeners receive it even
 * before the context has finished starting.
 */
public final class ConfigurationWarning extends ApplicationEvent {

    private final String setting;
    private final String problem;
    private final boolean fatal;

    public ConfigurationWarning(Object source, String setting, String problem, boolean fatal) {
        super(source);
        this.setting = setting;
        this.problem = problem;
        this.fatal = fatal;
    }

    public String setting() {
        return setting;
    }

    public String problem() {
        return problem;
    }

    public boolean fatal() {
        return fatal;
    }
}
