package io.healthstream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The package dependency matrix of STYLE.md ("Our layout") and the README ("How the code is laid out"),
 * checked on the compiled main classes: arrows point inward only, nothing imports {@code app}, the engine
 * never imports {@code tools} or Kafka's broker, {@code scoring} stays plain Java.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.healthstream");

    /** Who may use whom. {@code avro} holds the classes generated from {@code schemas/}. */
    static final ArchRule LAYERS = Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("scoring")
            .definedBy("io.healthstream.scoring..")
            .layer("backtest")
            .definedBy("io.healthstream.backtest..")
            .layer("avro")
            .definedBy("io.healthstream.avro..")
            .layer("serde")
            .definedBy("io.healthstream.serde..")
            .layer("topology")
            .definedBy("io.healthstream.topology..")
            .layer("query")
            .definedBy("io.healthstream.query..")
            .layer("metrics")
            .definedBy("io.healthstream.metrics..")
            .layer("api")
            .definedBy("io.healthstream.api..")
            .layer("replay")
            .definedBy("io.healthstream.replay..")
            .layer("ingest")
            .definedBy("io.healthstream.ingest..")
            .layer("tools")
            .definedBy("io.healthstream.tools..")
            .layer("app")
            .definedBy("io.healthstream.app..")
            .whereLayer("scoring")
            .mayNotAccessAnyLayer()
            .whereLayer("backtest")
            .mayOnlyAccessLayers("scoring")
            .whereLayer("avro")
            .mayNotAccessAnyLayer()
            .whereLayer("serde")
            .mayNotAccessAnyLayer()
            .whereLayer("topology")
            .mayOnlyAccessLayers("scoring", "serde", "avro")
            .whereLayer("query")
            .mayOnlyAccessLayers("topology", "scoring", "avro")
            .whereLayer("metrics")
            .mayOnlyAccessLayers("topology", "scoring")
            .whereLayer("api")
            .mayOnlyAccessLayers("query", "metrics", "serde", "scoring", "avro")
            .whereLayer("replay")
            .mayOnlyAccessLayers("topology", "serde", "scoring", "backtest", "avro")
            .whereLayer("ingest")
            .mayOnlyAccessLayers("api", "replay", "topology", "serde", "scoring", "avro")
            .whereLayer("tools")
            .mayOnlyAccessLayers("topology", "serde", "scoring", "avro")
            .whereLayer("app")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("tools")
            .mayOnlyBeAccessedByLayers("app");

    static final ArchRule NO_CYCLES =
            slices().matching("io.healthstream.(*)..").should().beFreeOfCycles();

    static final ArchRule SCORING_IS_PLAIN_JAVA = noClasses()
            .that()
            .resideInAnyPackage("io.healthstream.scoring..", "io.healthstream.backtest..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka..",
                    "org.apache.avro..",
                    "io.healthstream.avro..",
                    "io.micrometer..",
                    "org.slf4j..",
                    "org.apache.logging..",
                    "com.fasterxml.jackson..")
            .because("the health model, the KPI ledger and the backtest's evaluation are plain Java (STYLE.md)");

    static final ArchRule NOTHING_IMPORTS_APP = noClasses()
            .that()
            .resideOutsideOfPackage("io.healthstream.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.healthstream.app..")
            .because("app is the composition root and the CLI");

    static final ArchRule ENGINE_NEVER_IMPORTS_TOOLS = noClasses()
            .that()
            .resideOutsideOfPackages("io.healthstream.tools..", "io.healthstream.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.healthstream.tools..")
            .because("the demo, the generator, the embedded broker and registry are developer tooling");

    static final ArchRule ONLY_TOOLS_TOUCH_THE_BROKER = noClasses()
            .that()
            .resideOutsideOfPackage("io.healthstream.tools..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "kafka..",
                    "org.apache.kafka.metadata..",
                    "org.apache.kafka.server..",
                    "org.apache.kafka.raft..",
                    "org.apache.kafka.storage..")
            .because("Kafka's broker is on the class path for the demo and the integration tests only");

    static final ArchRule ONLY_REPLAY_USES_THE_TEST_DRIVER = noClasses()
            .that()
            .resideOutsideOfPackage("io.healthstream.replay..")
            .should()
            .dependOnClassesThat()
            .haveNameMatching("org\\.apache\\.kafka\\.streams\\.(TopologyTestDriver|"
                    + "TestInputTopic|TestOutputTopic|test\\..*)")
            .because("the replay runs the topology offline on the test driver; the engine runs it on Kafka");

    @Test
    @DisplayName("each package uses only the packages the matrix allows")
    void packagesUseOnlyWhatTheMatrixAllows() {
        LAYERS.check(MAIN);
    }

    @Test
    @DisplayName("no cycles between healthstream's packages")
    void noPackageCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    @DisplayName("scoring and backtest import no Kafka, Avro, Micrometer, logging or Jackson")
    void scoringIsPlainJava() {
        SCORING_IS_PLAIN_JAVA.check(MAIN);
    }

    @Test
    @DisplayName("nothing imports app")
    void nothingImportsApp() {
        NOTHING_IMPORTS_APP.check(MAIN);
    }

    @Test
    @DisplayName("the engine never imports tools, nor Kafka's broker classes")
    void engineNeverImportsTools() {
        ENGINE_NEVER_IMPORTS_TOOLS.check(MAIN);
        ONLY_TOOLS_TOUCH_THE_BROKER.check(MAIN);
    }

    @Test
    @DisplayName("only the replay runs the topology on the test driver")
    void onlyReplayUsesTheTestDriver() {
        ONLY_REPLAY_USES_THE_TEST_DRIVER.check(MAIN);
    }
}
