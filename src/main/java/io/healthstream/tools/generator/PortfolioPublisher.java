package io.healthstream.tools.generator;

import io.healthstream.serde.AvroSerdes;
import io.healthstream.topology.HealthTopology;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes generated events the way a product service would: Avro through our Confluent-wire serde
 * (schemas registered on first use), keyed by account id, with an idempotent producer.
 */
public final class PortfolioPublisher implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    /** A publisher with {@code clientProperties} (bootstrap.servers, security) and the registry at {@code schemaRegistryUrl}. */
    public PortfolioPublisher(Properties clientProperties, String schemaRegistryUrl) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: with more, a first batch that fails retriably (a leader not yet elected
        // on fresh topics) while the next succeeds leaves the idempotent producer retrying an
        // out-of-order sequence forever (KAFKA-14359). Seen here under load.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        // Throughput settings measured on two cores (KAFKA-LOCAL.md): about twice the default rate.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", schemaRegistryUrl));
        HealthTopology.INPUT_TYPES.forEach((topic, type) -> serializers.put(topic, serdes.anyValueSerializer(type)));
    }

    /**
     * Sends one event asynchronously.
     *
     * @throws IllegalStateException when an earlier send failed, naming the failure
     */
    public void publish(GeneratedEvent event) {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("publishing failed: " + failure.getMessage(), failure);
        }
        byte[] value = serializers.get(event.topic()).serialize(event.topic(), event.value());
        producer.send(
                new ProducerRecord<>(event.topic(), null, event.occurredAt().toEpochMilli(), event.key(), value),
                (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        firstFailure.compareAndSet(null, exception);
                    }
                });
        sent.incrementAndGet();
    }

    /** Events handed to the producer so far; safe to read from any thread. */
    public long sent() {
        return sent.get();
    }

    /** Events the broker has acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Waits until every sent event is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
