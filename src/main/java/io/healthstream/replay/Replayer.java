package io.healthstream.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.app.Settings;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.topology.DeadLetterRecords;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.ProcessingListener;
import io.healthstream.topology.Topics;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Runs the real topology in-process, without a broker, over a JSON-lines export of events, and
 * writes every output topic as JSON lines. Events are fed in file order; stream time and wall-clock
 * time both advance to each event's occurred_at, so punctuation fires as it would live.
 */
public final class Replayer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DLQ_FILE = Topics.DEAD_LETTER + ".jsonl";

    /**
     * The test driver is one thread without a broker, so exactly-once buys nothing there; and with it
     * the driver's mock producer drops dead-letter records sent while deserializing (seen with Kafka
     * Streams 4.4.0). Live runs keep exactly_once_v2. Lines are fed in file order, so the task must
     * not wait for the other input topics (max.task.idle.ms) before processing what it was given.
     */
    public static final Map<String, Object> TEST_DRIVER_OVERRIDES = Map.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE,
            StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);

    private final Settings settings;

    public Replayer(Settings settings) {
        this.settings = settings;
    }

    /** What a replay read and wrote. */
    public record Summary(int events, int deadLetters, Map<String, Integer> outputs) {
    }

    /** One dead-lettered input, ordered by the line it came from. */
    private record DeadLetter(long line, ObjectNode json) {
    }

    public Summary replay(Path input, Path outputDir) throws IOException {
        String scope = "replay-" + UUID.randomUUID();
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", MockSchemaRegistry.SCHEME + scope));
        Files.createDirectories(outputDir);
        try (Run run = new Run(serdes, Files.createTempDirectory(outputDir, ".replay-state-"))) {
            run.feed(input);
            return run.writeOutputs(outputDir);
        } finally {
            MockSchemaRegistry.dropScope(scope);
        }
    }

    /** One replay: the driver is created at the first event so its clock starts at that event's time. */
    private final class Run implements AutoCloseable {
        private final AvroSerdes serdes;
        private final Serde<GenericRecord> genericSerde;
        private final Map<String, List<Long>> linesByOffset = new HashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private final Map<String, TestInputTopic<String, GenericRecord>> inputs = new HashMap<>();
        private final Path stateDir;
        private TopologyTestDriver driver;
        private Instant wallClock;
        private int events;

        /** The state lives beside the outputs, not in the OS temp dir, which may be cleaned under it. */
        Run(AvroSerdes serdes, Path stateDir) {
            this.serdes = serdes;
            this.stateDir = stateDir;
            this.genericSerde = serdes.genericValueSerde();
        }

        void feed(Path input) throws IOException {
            try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = reader.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        feedLine(line, number);
                    }
                }
            }
        }

        private void feedLine(String line, long number) {
            String topic;
            GenericRecord value;
            try {
                JsonNode json = MAPPER.readTree(line);
                topic = json.path("topic").asText("");
                Class<? extends SpecificRecord> type = HealthTopology.INPUT_TYPES.get(topic);
                if (type == null) {
                    throw new IllegalArgumentException("\"topic\" must be one of " + Topics.INPUTS + ", got '" + topic + "'");
                }
                Schema schema = SpecificData.get().getSchema(type);
                value = JsonAvro.read(json.get("value"), schema);
            } catch (IOException | IllegalArgumentException e) {
                deadLetters.add(malformed(number, line, e));
                return;
            }
            Instant occurredAt = Instant.ofEpochMilli((Long) value.get("occurred_at"));
            advanceClock(occurredAt);
            Object accountId = value.get("account_id");
            inputs.computeIfAbsent(topic, t -> driver.createInputTopic(t, new StringSerializer(), genericSerde.serializer()))
                    .pipeInput(accountId == null ? null : accountId.toString(), value, occurredAt);
            linesByOffset.computeIfAbsent(topic, t -> new ArrayList<>()).add(number);
            events++;
        }

        private void advanceClock(Instant occurredAt) {
            if (driver == null) {
                Properties properties = settings.streamsProperties();
                properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
                properties.putAll(TEST_DRIVER_OVERRIDES);
                driver = new TopologyTestDriver(HealthTopology.build(settings.topology(), serdes::valueSerde,
                        ProcessingListener.NONE), properties, occurredAt);
                wallClock = occurredAt;
            } else if (occurredAt.isAfter(wallClock)) {
                driver.advanceWallClockTime(Duration.between(wallClock, occurredAt));
                wallClock = occurredAt;
            }
        }

        Summary writeOutputs(Path dir) throws IOException {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String topic : Topics.OUTPUTS) {
                List<ObjectNode> records = driver == null ? List.of() : readOutput(topic);
                write(dir.resolve(topic + ".jsonl"), records);
                counts.put(topic, records.size());
            }
            if (driver != null) {
                driver.createOutputTopic(Topics.DEAD_LETTER, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList().forEach(record -> deadLetters.add(deadLettered(record)));
            }
            deadLetters.sort(Comparator.comparingLong(DeadLetter::line));
            write(dir.resolve(DLQ_FILE), deadLetters.stream().map(DeadLetter::json).toList());
            return new Summary(events, deadLetters.size(), counts);
        }

        private List<ObjectNode> readOutput(String topic) {
            Serde<? extends SpecificRecord> serde = serdes.valueSerde(HealthTopology.OUTPUT_TYPES.get(topic));
            return driver.createOutputTopic(topic, new StringDeserializer(), serde.deserializer())
                    .readValuesToList().stream().map(JsonAvro::write).toList();
        }

        private DeadLetter malformed(long number, String line, Exception error) {
            ObjectNode json = MAPPER.createObjectNode();
            json.put("line", number);
            json.put("reason", "malformed-line");
            json.put("error", error.getMessage());
            json.put("raw", line);
            return new DeadLetter(number, json);
        }

        private DeadLetter deadLettered(TestRecord<byte[], byte[]> record) {
            String topic = header(record, DeadLetterRecords.TOPIC);
            long offset = Long.parseLong(header(record, DeadLetterRecords.OFFSET));
            long line = linesByOffset.getOrDefault(topic, List.of()).size() > offset
                    ? linesByOffset.get(topic).get((int) offset) : -1;
            ObjectNode json = MAPPER.createObjectNode();
            json.put("line", line);
            json.put("topic", topic);
            json.put("reason", header(record, DeadLetterRecords.REASON));
            json.put("error", header(record, DeadLetterRecords.MESSAGE));
            try {
                json.set("value", JsonAvro.write(genericSerde.deserializer().deserialize(topic, record.value())));
            } catch (RuntimeException undecodable) {
                json.put("value_base64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
            }
            return new DeadLetter(line, json);
        }

        private String header(TestRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        private void write(Path file, List<ObjectNode> records) throws IOException {
            try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (ObjectNode record : records) {
                    writer.write(MAPPER.writeValueAsString(record));
                    writer.newLine();
                }
            }
        }

        @Override
        public void close() {
            if (driver != null) {
                driver.close();
            }
            deleteRecursively(stateDir);
        }

        private static void deleteRecursively(Path dir) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + dir, e);
            }
        }
    }
}
