package io.bastion.platform;

import java.io.PrintStream;
import java.util.List;

/**
 * A command run as {@code java -jar bastion.jar <group> <name> [args]} against the configured data
 * directory or database while the server is stopped. Modules contribute commands as beans.
 */
public interface CliCommand {

    /** The words that select this command, for example {@code "audit verify"}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /** Runs the command and returns the process exit code. */
    int run(List<String> args, PrintStream out);
}
