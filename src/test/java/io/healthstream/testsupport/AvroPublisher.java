package io.healthstream.testsupport;

import static org.awaitility.Awaitility.await;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.tools.generator.GeneratedEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes Avro records through healthstream's serde, as a product service would, and creates topics. */
public final class AvroPublisher implements AutoCloseable {
    private final AvroSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;

    public AvroPublisher(String bootstrapServers, AvroSerdes serdes) {
        this.serdes = serdes;
        this.producer = new KafkaProducer<>(
                producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Producer settings for tests: idempotent with one request in flight, because with more a first
     * batch that fails retriably (no leader yet on a fresh topic) while the next succeeds leaves the
     * producer retrying an out-of-order sequence forever (KAFKA-14359); seen here under load.
     */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1);
    }

    /** Topics that keep their records forever: tests publish back-dated events, which time retention would delete. */
    public static void createTopics(String bootstrapServers, int partitions, Collection<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topics.stream()
                            .map(topic -> new NewTopic(topic, partitions, (short) 1)
                                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))
                            .toList())
                    .all()
                    .get();
            // Created is not yet listed: under load, KRaft's metadata reached the broker a second after an engine
            // started right after this found a topic missing.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> admin.listTopics().names().get().containsAll(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted creating topics", e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot create topics " + topics, e.getCause());
        }
    }

    /** Sends {@code value} keyed by {@code key}, serialized with the value serde of its class. */
    public <T extends SpecificRecord> void publish(String topic, String key, T value) {
        publishRaw(topic, key, serialized(topic, value));
    }

    /** Sends every generated event, in order, keyed by its account, and waits until all are written. */
    public void publishAll(List<GeneratedEvent> events) {
        for (GeneratedEvent event : events) {
            producer.send(new ProducerRecord<>(event.topic(), event.key(), serialized(event.topic(), event.value())));
        }
        producer.flush();
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> byte[] serialized(String topic, T value) {
        return serdes.valueSerde((Class<T>) value.getClass()).serializer().serialize(topic, value);
    }

    /** Sends bytes as they are, e.g. a record no serde can read. */
    public void publishRaw(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted publishing to " + topic, e);
        } catch (ExecutionException e) {
            throw new AssertionError("cannot publish to " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
