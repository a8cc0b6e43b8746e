package io.healthstream.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The scoring package stays plain Java: no Kafka, Avro, Micrometer or logging (STYLE.md). */
class ScoringArchitectureTest {
    private static final Path SCORING_SOURCES = Path.of("src/main/java/io/healthstream/scoring");

    private static final List<String> FORBIDDEN = List.of(
            "org.apache.kafka", "org.apache.avro", "io.healthstream.avro", "io.micrometer", "org.slf4j",
            "org.apache.logging");

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** The forbidden packages {@code source} imports. */
    static List<String> forbiddenImports(String source) {
        Matcher matcher = IMPORT.matcher(source);
        return matcher.results()
                .map(match -> match.group(1))
                .filter(imported -> FORBIDDEN.stream().anyMatch(p -> imported.equals(p) || imported.startsWith(p + ".")))
                .toList();
    }

    private static List<Path> scoringSources() {
        try (Stream<Path> files = Files.walk(SCORING_SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("no source file of io.healthstream.scoring imports Kafka, Avro, Micrometer or logging")
    void scoringPackageImportsNoInfrastructure() {
        List<Path> sources = scoringSources();
        assertThat(sources).as("scoring sources under %s", SCORING_SOURCES.toAbsolutePath())
                .contains(SCORING_SOURCES.resolve("HealthEngine.java"));

        for (Path file : sources) {
            assertThat(forbiddenImports(read(file))).as("forbidden imports in %s", file).isEmpty();
        }
    }

    @Test
    @DisplayName("no scoring source refers to those packages by fully qualified name either")
    void scoringPackageNamesNoInfrastructurePackage() {
        for (Path file : scoringSources()) {
            String source = read(file);
            assertThat(FORBIDDEN).as("packages named in %s", file).noneMatch(p -> source.contains(p + "."));
        }
    }

    @Test
    void detectsEachForbiddenImport() {
        String source = String.join("\n",
                "package io.healthstream.scoring;",
                "import java.util.List;",
                "import org.apache.kafka.streams.KafkaStreams;",
                "import static org.apache.avro.Schema.create;",
                "import io.healthstream.avro.AccountHealth;",
                "import io.micrometer.core.instrument.Counter;",
                "import org.slf4j.Logger;",
                "import org.apache.logging.log4j.LogManager;",
                "import org.apache.kafkaesque.Other;");

        assertThat(forbiddenImports(source)).containsExactly(
                "org.apache.kafka.streams.KafkaStreams", "org.apache.avro.Schema.create",
                "io.healthstream.avro.AccountHealth", "io.micrometer.core.instrument.Counter", "org.slf4j.Logger",
                "org.apache.logging.log4j.LogManager");
    }
}
