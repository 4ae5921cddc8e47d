package io.bastion;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.bastion.keys.KeyPurpose;
import io.bastion.platform.VaultDataSource;
import org.junit.jupiter.api.Test;

/** The vault's walls, checked: its internals, its keysets, its connection pool and raw JCA crypto. */
class VaultBoundaryTests {

    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.bastion");

    @Test
    void nothingOutsideTheVaultUsesItsInternals() {
        noClasses().that().resideOutsideOfPackage("io.bastion.vault..")
                .should().dependOnClassesThat(resideInAPackage("io.bastion.vault..")
                        .and(not(modifier(PUBLIC)).or(resideInAPackage("io.bastion.vault.*.."))))
                .check(main);
    }

    @Test
    void onlyTheVaultUsesTheVaultsKeysetsAndConnectionPool() {
        noClasses().that().resideOutsideOfPackages("io.bastion.vault..", "io.bastion.keys..")
                .should().accessField(KeyPurpose.class, "VAULT_PAN")
                .orShould().accessField(KeyPurpose.class, "VAULT_FINGERPRINT")
                .orShould().accessField(KeyPurpose.class, "VAULT")
                .check(main);
        noClasses().that().resideOutsideOfPackages("io.bastion.vault..", "io.bastion.platform..")
                .should().dependOnClassesThat().areAssignableTo(VaultDataSource.class)
                .check(main);
    }

    @Test
    void onlyTheVaultKeysAndPlatformUseJavaxCrypto() {
        // Two exceptions, neither touching card data: authenticator codes (RFC 6238) are HMAC-SHA1 over the
        // user's TOTP secret, which the TOTP library takes as a javax.crypto key; and Standard Webhooks
        // signatures are HMAC-SHA256 under the merchant's own whsec_ secret, which must be used as raw bytes.
        noClasses().that().resideOutsideOfPackages("io.bastion.vault..", "io.bastion.keys..", "io.bastion.platform..")
                .and().haveNameNotMatching("io\\.bastion\\.identity\\.Totp(\\$.*)?")
                .and().haveNameNotMatching("io\\.bastion\\.acquiring\\.WebhookSignature(\\$.*)?")
                .should().dependOnClassesThat(resideInAPackage("javax.crypto.."))
                .check(main);
    }
}
