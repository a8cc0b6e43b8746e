package io.healthstream.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Creates Confluent wire-format Avro serdes that share one registry client (and so its caches).
 * Build one per application from the registry settings and hand its serdes to the topology:
 * <pre>{@code
 * AvroSerdes serdes = AvroSerdes.fromConfig(Map.of("schema.registry.url", "http://registry:8081"));
 * Serde<UsageEvent> usage = serdes.valueSerde(UsageEvent.class);
 * }</pre>
 */
public final class AvroSerdes {
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final int cacheCapacity;

    public AvroSerdes(SchemaRegistryConfig config) {
        this(clientFor(config), config.autoRegister(), config.cacheCapacity());
    }

    /** Serdes over a registry client of the caller's choosing, e.g. a test's {@link InMemorySchemaRegistry}. */
    public AvroSerdes(SchemaRegistryClient registry, boolean autoRegister, int cacheCapacity) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.cacheCapacity = cacheCapacity;
    }

    /** Serdes configured from a Kafka-style property map; see {@link SchemaRegistryConfig} for the keys. */
    public static AvroSerdes fromConfig(Map<String, ?> configs) {
        return new AvroSerdes(SchemaRegistryConfig.from(configs));
    }

    /**
     * The client a URL calls for: the shared in-process registry of a {@code mock://} scope, else the
     * REST client; either way behind the bounded caches.
     */
    public static SchemaRegistryClient clientFor(SchemaRegistryConfig config) {
        SchemaRegistryClient client = MockSchemaRegistry.isMockUrl(config.url())
                ? MockSchemaRegistry.scope(MockSchemaRegistry.scopeOf(config.url()))
                : new RestSchemaRegistryClient(config);
        return new CachedSchemaRegistryClient(client, config.cacheCapacity());
    }

    /** A serde for record values of a generated Avro class. */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return specificSerde(type, false);
    }

    /**
     * A serializer of values of a generated Avro class, typed for a producer that sends records of several
     * classes, each to its own topic.
     */
    public <T extends SpecificRecord> Serializer<SpecificRecord> anyValueSerializer(Class<T> type) {
        Serializer<T> serializer = valueSerde(type).serializer();
        return (topic, value) -> serializer.serialize(topic, type.cast(value));
    }

    /** A serde for record keys of a generated Avro class (subject {@code <topic>-key}). */
    public <T extends SpecificRecord> Serde<T> keySerde(Class<T> type) {
        return specificSerde(type, true);
    }

    /** A serde for record values of any schema, read with the schema they were written with. */
    public Serde<GenericRecord> genericValueSerde() {
        GenericData model = GenericData.get();
        return Serdes.serdeFrom(
                new AvroSerializer<>(registry, model, false, autoRegister),
                new AvroDeserializer<>(registry, model, null, cacheCapacity));
    }

    /**
     * Registers {@code type}'s schema under {@code topic}'s value subject (looks it up, with auto-registration off),
     * as the first record's serialization would. The id stays in the client's cache, so a registry outage later
     * does not hold that topic's records back.
     *
     * @throws org.apache.kafka.common.errors.SerializationException as the serializer would: the registry failed,
     *     or the schema is not registered and auto-registration is off
     */
    public void prepareValueSchema(String topic, Class<? extends SpecificRecord> type) {
        SpecificData model = SpecificData.getForClass(type);
        new AvroSerializer<>(registry, model, false, autoRegister)
                .schemaId(TopicNameStrategy.subject(topic, false), model.getSchema(type));
    }

    /** The registry client the serdes use. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    private <T extends SpecificRecord> Serde<T> specificSerde(Class<T> type, boolean isKey) {
        // The class's own model carries its logical-type conversions (timestamp-millis <-> Instant).
        SpecificData model = SpecificData.getForClass(type);
        Schema readerSchema = model.getSchema(type);
        return Serdes.serdeFrom(
                new AvroSerializer<>(registry, model, isKey, autoRegister),
                new AvroDeserializer<>(registry, model, readerSchema, cacheCapacity));
    }
}
