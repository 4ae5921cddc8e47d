package io.bastion.platform;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Runs Bastion's administrative commands in a context without a web server. */
public final class CommandLine {

    static final String CLI_PROPERTY = "bastion.cli";
    private static final List<String> GROUPS = List.of("audit", "keys");

    private CommandLine() {
    }

    /** True when the arguments name a command rather than server options. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && GROUPS.contains(args[0]);
    }

    /** Starts a context without a web server, runs the command the arguments name, and returns its exit code. */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                CLI_PROPERTY, "true",
                "bastion.tls.enabled", "false",
                "logging.level.root", "WARN",
                "spring.main.banner-mode", "off"));
        // Options such as --bastion.data-dir=... configure the context as they would the server; the
        // remaining words (flags without a value, such as --vault, among them) select the command and
        // are its arguments.
        String[] options = Arrays.stream(args).filter(CommandLine::isOption).toArray(String[]::new);
        String[] words = Arrays.stream(args).filter(a -> !isOption(a)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = app.run(options)) {
            List<CliCommand> commands = context.getBeansOfType(CliCommand.class).values().stream()
                    .sorted(Comparator.comparing(CliCommand::name)).toList();
            // The most specific name wins: "keys retire --vault" over a shorter "keys retire".
            Optional<CliCommand> chosen = commands.stream().filter(c -> matches(c, words))
                    .max(Comparator.comparingInt(c -> c.name().split(" ").length));
            if (chosen.isEmpty()) {
                out.println("usage: java -jar bastion.jar <command>");
                commands.forEach(c -> out.println("  " + c.name() + "  " + c.summary()));
                return 2;
            }
            int named = chosen.get().name().split(" ").length;
            return chosen.get().run(List.of(words).subList(named, words.length), out);
        }
    }

    private static boolean isOption(String arg) {
        return arg.startsWith("--") && arg.contains("=");
    }

    private static boolean matches(CliCommand command, String[] args) {
        String[] words = command.name().split(" ");
        if (args.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!words[i].equals(args[i])) {
                return false;
            }
        }
        return true;
    }
}
