package io.bastion.vault;

import io.bastion.platform.CliCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * {@code keys retire --vault}: once re-encryption after a rotation has finished, removes the vault keys
 * no record uses any more. Refuses while records still wait for re-encryption; never removes a primary.
 */
final class VaultKeyRetirementCommand implements CliCommand {

    private final VaultMaintenance maintenance;

    VaultKeyRetirementCommand(VaultMaintenance maintenance) {
        this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
    }

    @Override
    public String name() {
        return "keys retire --vault";
    }

    @Override
    public String summary() {
        return "remove vault keys no record uses any more (after re-encryption has finished)";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        int removed = maintenance.retireUnusedKeys();
        if (removed < 0) {
            out.println("not retired: " + maintenance.recordsLeft() + " vault records still wait for re-encryption");
            return 1;
        }
        out.println("retired " + removed + " vault keys");
        return 0;
    }
}
