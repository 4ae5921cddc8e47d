package io.bastion;

import io.bastion.bench.LedgerBench;
import io.bastion.keys.MasterKey;
import io.bastion.platform.CommandLine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Entry point of the Bastion payment platform: the server, or an administrative command. */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class Bastion {

    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("keys") && args[1].equals("generate-master-key")) {
            System.exit(generateMasterKey(args, System.out));
        }
        if (args.length >= 1 && args[0].equals("bench")) {
            System.exit(LedgerBench.run(Bastion.class, List.of(args).subList(1, args.length), System.out));
        }
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(Bastion.class, args, System.out));
        }
        SpringApplication.run(Bastion.class, args);
    }

    /** Runs without a database: the master key must exist before a production Bastion can start at all. */
    static int generateMasterKey(String[] args, PrintStream out) {
        if (args.length != 3) {
            out.println("usage: java -jar bastion.jar keys generate-master-key FILE");
            return 2;
        }
        Path file = Path.of(args[2]).toAbsolutePath();
        if (Files.exists(file)) {
            out.println("refusing to overwrite " + file);
            return 1;
        }
        MasterKey.generate(file);
        out.println("wrote a new master key to " + file + " (mode 0600); keep it outside the database");
        return 0;
    }
}
