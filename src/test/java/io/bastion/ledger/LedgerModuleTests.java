package io.bastion.ledger;

import io.bastion.Bastion;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class LedgerModuleTests {

    @Test
    void theLedgerDependsOnlyOnSharedAndPlatform() {
        ApplicationModules modules = ApplicationModules.of(Bastion.class);
        modules.getModuleByName("ledger").orElseThrow().verifyDependencies(modules);
    }
}
