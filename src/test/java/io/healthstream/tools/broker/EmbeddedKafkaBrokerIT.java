package io.healthstream.tools.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healthstream.testsupport.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path streamsStateDir;

    @Test
    @DisplayName(
            "a started broker round-trips a record, runs an exactly_once_v2 Streams app, and leaves nothing behind on close")
    void brokerServesPlainAndTransactionalClientsAndStopsCleanly() throws Exception {
        // Other test classes in this JVM may have processes of their own still running: judge only ours.
        Set<ProcessHandle> before = ProcessHandle.current().children().collect(Collectors.toSet());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        int port = portOf(broker.bootstrapServers());
        Path dataDir = broker.dataDir();
        try (broker) {
            createTopics(broker, "plain", "words", "shouted");

            produce(broker, "plain", "k", "hello");
            assertThat(consume(broker, "plain", "read_uncommitted", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("hello");

            try (KafkaStreams streams = new KafkaStreams(upperCaseTopology(), streamsConfig(broker))) {
                streams.start();
                produce(broker, "words", "acc-1", "quiet");
                assertThat(consume(broker, "shouted", "read_committed", 1))
                        .extracting(ConsumerRecord::key, ConsumerRecord::value)
                        .containsExactly(tuple("acc-1", "QUIET"));
                streams.close(Duration.ofSeconds(10));
            }
        }

        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .filter(child -> !before.contains(child)))
                .isEmpty();
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("kafka-admin-client-thread"));
        assertThat(portIsFree(port)).as("broker port %d is free", port).isTrue();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    @DisplayName("a caller-given data dir is kept on close and a restart on it still has the records")
    void callerGivenDataDirIsKeptAndReused(@TempDir Path dataDir) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            createTopics(broker, "kept");
            produce(broker, "kept", "k", "survives a restart");
        }
        assertThat(dataDir.resolve("kraft-combined-logs").resolve("meta.properties"))
                .exists();
        assertThat(dataDir.resolve("broker.log")).isRegularFile();

        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir)) {
            assertThat(consume(restarted, "kept", "read_uncommitted", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("survives a restart");
        }
    }

    private static Topology upperCaseTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase(Locale.ROOT), Named.as("shout"))
                .to("shouted", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private Properties streamsConfig(EmbeddedKafkaBroker broker) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shout-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, streamsStateDir.toString());
        // Opts in to the Kafka 5.0 default now; otherwise Streams warns on every start.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    private static void createTopics(EmbeddedKafkaBroker broker, String... names) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, 1, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static void produce(EmbeddedKafkaBroker broker, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(
            EmbeddedKafkaBroker broker, String topic, String isolationLevel, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolationLevel);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            Waits.pollUntil(consumer, DEADLINE, records::add, () -> records.size() >= expected);
        }
        return records;
    }

    private static int portOf(String bootstrapServers) {
        return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
