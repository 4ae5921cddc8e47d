package io.bastion;

import io.bastion.platform.CommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/** Entry point of the Bastion payment platform: the server, or an administrative command. */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
public class Bastion {

    public static void main(String[] args) {
        if (CommandLine.isCommand(args)) {
            System.exit(CommandLine.run(Bastion.class, args, System.out));
        }
        SpringApplication.run(Bastion.class, args);
    }
}
