package io.bastion.keys;

import io.bastion.platform.CliCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code keys rotate [--vault | purpose ...]}: adds a new primary key to every keyset, or to the named ones. */
final class KeyRotationCommand implements CliCommand {

    /** Rotates the vault's keysets only; the vault's job then re-encrypts its records under the new keys. */
    static final String VAULT_FLAG = "--vault";

    private final Keys keys;

    KeyRotationCommand(Keys keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "keys rotate";
    }

    @Override
    public String summary() {
        return "add a new primary key to each keyset; data under older keys stays readable";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        List<KeyPurpose> purposes;
        try {
            purposes = args.equals(List.of(VAULT_FLAG)) ? List.copyOf(KeyPurpose.VAULT)
                    : args.isEmpty() ? Arrays.asList(KeyPurpose.values())
                    : args.stream().map(a -> KeyPurpose.valueOf(a.toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
        } catch (IllegalArgumentException e) {
            out.println("unknown keyset; known: " + Arrays.toString(KeyPurpose.values()));
            return 2;
        }
        for (KeyPurpose purpose : purposes) {
            int size = keys.rotate(purpose);
            out.println("rotated " + purpose.name().toLowerCase(Locale.ROOT) + ": new primary key, " + size + " keys in the keyset");
        }
        return 0;
    }
}
