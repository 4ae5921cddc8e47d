package io.bastion;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(Bastion.class);

    @Test
    void everyModuleUsesOnlyTheApiOfTheModulesItDeclares() {
        modules.verify();
    }

    @Test
    void writesTheModuleDocumentationIntoDocsModules() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
