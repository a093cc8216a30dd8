package dev.gleaner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The dependency table of docs/architecture.md, checked on the compiled main classes: each rule fails the build when
 * a class breaks it.
 */
final class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gleaner");

    @Test
    void onlyApiUsesTheHttpServer() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.gleaner.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .because("only api speaks HTTP as a server (Javalin on Jetty)");
        rule.check(MAIN);
    }

    @Test
    void onlyStoreUsesJdbc() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.gleaner.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..", "javax.sql..", "com.zaxxer.hikari..", "org.sqlite..", "org.postgresql..")
                .because("persistence ports are implemented in store only");
        rule.check(MAIN);
    }

    @Test
    void onlyTheLuceneAdapterUsesLucene() {
        ArchRule rule = noClasses()
                .that()
                .resideOutsideOfPackage("dev.gleaner.index.lucene..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.lucene..")
                .because("the SearchIndex port has one adapter, index.lucene");
        rule.check(MAIN);
    }

    @Test
    void storeNeverUsesApi() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("dev.gleaner.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gleaner.api..")
                .because("adapters serve the features' ports, not the HTTP edge");
        rule.check(MAIN);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        ArchRule rule = slices().matching("dev.gleaner.(*)..").should().beFreeOfCycles();
        rule.check(MAIN);
    }

    @Test
    void onlyCliWiresAdapters() {
        ArchRule rule = constructors()
                .that()
                .areDeclaredInClassesThat()
                .resideInAnyPackage("dev.gleaner.store", "dev.gleaner.index.lucene")
                .and()
                .areDeclaredInClassesThat()
                .haveSimpleNameStartingWith("Sql")
                .or()
                .areDeclaredInClassesThat()
                .haveSimpleName("LuceneIndex")
                .should()
                .onlyBeCalled()
                .byClassesThat()
                .resideInAnyPackage("dev.gleaner.cli..", "dev.gleaner.store..", "dev.gleaner.index.lucene..")
                .because("cli is the only place objects are constructed and wired");
        rule.check(MAIN);
    }

    @Test
    void noVagueClassNames() {
        ArchRule rule = noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .orShould()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .because("a name says what a class is");
        rule.check(MAIN);
    }
}
