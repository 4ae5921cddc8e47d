package io.bastion.audit;

import io.bastion.platform.CliCommand;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** {@code audit verify}: checks the chain and its checkpoints; exits 0 when intact, 1 when broken. */
@Component
final class AuditVerifyCommand implements CliCommand {

    static final int EXIT_INTACT = 0;
    static final int EXIT_BROKEN = 1;
    static final int EXIT_USAGE = 2;

    private final AuditLog audit;

    AuditVerifyCommand(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public String name() {
        return "audit verify";
    }

    @Override
    public String summary() {
        return "check that no audit entry was altered, removed or reordered";
    }

    @Override
    public int run(List<String> args, PrintStream out) {
        if (!args.isEmpty()) {
            out.println("usage: java -jar bastion.jar audit verify");
            return EXIT_USAGE;
        }
        AuditVerification result = audit.verify();
        out.println(result.message());
        return result instanceof AuditVerification.Intact ? EXIT_INTACT : EXIT_BROKEN;
    }
}
