package io.healthstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The event contracts: every field documented, and every schema BACKWARD compatible with its last
 * released version under schemas/history/&lt;Name&gt;/&lt;version&gt;.avsc, so consumers on the new
 * schema still read what producers wrote with the old one.
 */
class SchemaContractTest {
    private static final Path SCHEMAS = Path.of("schemas");
    private static final Path HISTORY = SCHEMAS.resolve("history");

    private static List<Schema> currentSchemas() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (Path common : avscFiles(SCHEMAS.resolve("common"))) {
            parser.parse(common.toFile());
        }
        List<Schema> schemas = new ArrayList<>();
        for (Path file : avscFiles(SCHEMAS)) {
            schemas.add(parser.parse(file.toFile()));
        }
        return schemas;
    }

    private static List<Path> avscFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everySchemaIsBackwardCompatibleWithItsLastRelease() throws IOException {
        return currentSchemas().stream()
                .map(current -> DynamicTest.dynamicTest(current.getName(), () -> {
                    Path released = lastRelease(current.getName());
                    Schema writer = new Schema.Parser().parse(released.toFile());
                    SchemaCompatibility.SchemaPairCompatibility result =
                            SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
                    assertThat(result.getType())
                            .as(
                                    "%s cannot read data written with %s: %s",
                                    current.getName(), released, result.getDescription())
                            .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
                }));
    }

    private static Path lastRelease(String name) throws IOException {
        Path dir = HISTORY.resolve(name);
        assertThat(dir).as("no released version of %s under %s", name, HISTORY).isDirectory();
        try (Stream<Path> versions = Files.list(dir)) {
            return versions.max(Comparator.comparingInt(SchemaContractTest::version))
                    .orElseThrow();
        }
    }

    private static int version(Path file) {
        return Integer.parseInt(file.getFileName().toString().replace(".avsc", ""));
    }

    @TestFactory
    Stream<DynamicTest> everyFieldHasADoc() throws IOException {
        return currentSchemas().stream()
                .map(schema ->
                        DynamicTest.dynamicTest(schema.getName(), () -> assertDocumented(schema, new ArrayList<>())));
    }

    private static void assertDocumented(Schema schema, List<String> seen) {
        if (schema.getType() == Schema.Type.UNION) {
            schema.getTypes().forEach(branch -> assertDocumented(branch, seen));
        } else if (schema.getType() == Schema.Type.ARRAY) {
            assertDocumented(schema.getElementType(), seen);
        } else if (schema.getType() == Schema.Type.MAP) {
            assertDocumented(schema.getValueType(), seen);
        } else if (schema.getType() == Schema.Type.RECORD && !seen.contains(schema.getFullName())) {
            seen.add(schema.getFullName());
            assertThat(schema.getDoc())
                    .as("doc of record %s", schema.getFullName())
                    .isNotBlank();
            for (Schema.Field field : schema.getFields()) {
                assertThat(field.doc())
                        .as("doc of %s.%s", schema.getName(), field.name())
                        .isNotBlank();
                assertDocumented(field.schema(), seen);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyInputCarriesEventIdAndAccountId() throws IOException {
        List<String> inputs = List.of("SubscriptionEvent", "UsageEvent", "NpsResponse", "SupportTicketEvent");
        return currentSchemas().stream()
                .filter(s -> inputs.contains(s.getName()))
                .map(schema -> DynamicTest.dynamicTest(schema.getName(), () -> {
                    assertThat(schema.getField("event_id").schema().getType()).isEqualTo(Schema.Type.STRING);
                    assertThat(schema.getField("account_id").schema().getType()).isEqualTo(Schema.Type.STRING);
                    assertThat(schema.getField("occurred_at")
                                    .schema()
                                    .getLogicalType()
                                    .getName())
                            .isEqualTo("timestamp-millis");
                }));
    }
}
