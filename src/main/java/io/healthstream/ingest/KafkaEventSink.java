package io.healthstream.ingest;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.HealthTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces events as a product service would: Avro in the Confluent wire format through the project's serde and
 * the registry, keyed by account id, timestamped with occurred_at, by an idempotent producer with acks=all.
 * {@link #sendAll} returns once the broker has acknowledged every record.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();

    /** A sink with {@code clientProperties} (bootstrap.servers, security) and serdes over the app's registry. */
    public KafkaEventSink(Properties clientProperties, AvroSerdes serdes) {
        this(
                new KafkaProducer<>(
                        producerConfig(clientProperties), new StringSerializer(), new ByteArraySerializer()),
                serdes);
    }

    KafkaEventSink(Producer<String, byte[]> producer, AvroSerdes serdes) {
        this.producer = producer;
        HealthTopology.INPUT_TYPES.forEach((topic, type) -> serializers.put(topic, serdes.anyValueSerializer(type)));
    }

    static Properties producerConfig(Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: with more, a first batch failing retriably while the next succeeds leaves the
        // idempotent producer retrying an out-of-order sequence forever (KAFKA-14359).
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return props;
    }

    /** Sends one record of an input topic, keyed by {@code account}; returns once the broker acknowledged it. */
    public void send(String topic, String account, Instant occurredAt, SpecificRecord value) {
        sendAll(List.of(IngestEvent.of(topic, account, occurredAt, value)));
    }

    @Override
    public void sendAll(List<IngestEvent> events) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try {
            for (IngestEvent event : events) {
                byte[] value = serializers.get(event.topic()).serialize(event.topic(), event.value());
                sends.add(producer.send(
                        new ProducerRecord<>(event.topic(), null, event.timestamp(), event.key(), value)));
            }
            // Bounded by the producer's delivery.timeout.ms: every send completes or fails by then.
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new UnacknowledgedException(
                    "Kafka did not acknowledge an event: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnacknowledgedException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            throw new UnacknowledgedException("cannot write an event: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
