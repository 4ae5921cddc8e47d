package io.bastion.shared;

/** Thrown at start-up when Bastion's configuration is unsafe or incomplete; the message names the setting. */
public final class ConfigurationProblem extends RuntimeException {

    private final String setting;

    public ConfigurationProblem(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
