package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.avro.UsageEvent;
import io.healthstream.serde.testdata.SampleSchemas;
import io.healthstream.testdata.Events;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What any Confluent-compatible registry must do for our client and serde. Each subclass runs these
 * same tests against one registry over HTTP; every test uses its own subject, so the order of tests
 * and the state they leave behind do not matter.
 */
abstract class RegistryContractIT {
    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private static final Schema USAGE = UsageEvent.getClassSchema();

    private SchemaRegistryClient client;
    private String topic;
    private String subject;

    /** Base URL of the registry's Confluent API. */
    protected abstract String registryUrl();

    @BeforeEach
    void newSubject(TestInfo test) {
        client = new RestSchemaRegistryClient(SchemaRegistryConfig.forUrl(registryUrl()));
        topic = test.getTestMethod().orElseThrow().getName() + "-" + SUBJECTS.incrementAndGet() + "-"
                + System.nanoTime();
        subject = TopicNameStrategy.subject(topic, false);
    }

    @Test
    void sameSchemaRegisteredTwiceGetsTheSameId() {
        int first = client.register(subject, USAGE);

        assertThat(first).isPositive();
        assertThat(client.register(subject, USAGE)).isEqualTo(first);
    }

    @Test
    void registeredSchemaIsFetchedById() {
        int id = client.register(subject, USAGE);

        assertThat(client.schemaById(id)).isEqualTo(USAGE);
    }

    @Test
    void lookupFindsTheRegisteredVersion() {
        int id = client.register(subject, USAGE);

        RegisteredSchema found = client.lookup(subject, USAGE);

        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
    }

    @Test
    void latestVersionIsTheLastRegistered() {
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        client.register(subject, USAGE);
        Schema next = SampleSchemas.usageEventWithChannelDefault();
        int nextId = client.register(subject, next);

        RegisteredSchema latest = client.latest(subject);

        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(nextId);
        assertThat(latest.schema()).isEqualTo(next);
    }

    @Test
    void compatibilityCheckAcceptsDefaultedFieldAndRejectsRequiredOne() {
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        client.register(subject, USAGE);

        assertThat(client.isCompatible(subject, SampleSchemas.usageEventWithChannelDefault()))
                .isTrue();
        assertThat(client.isCompatible(subject, SampleSchemas.usageEventWithRequiredChannel()))
                .isFalse();
    }

    @Test
    void incompatibleRegistrationIsRejectedWith409() {
        client.setCompatibility(subject, CompatibilityLevel.BACKWARD);
        client.register(subject, USAGE);

        assertThatThrownBy(() -> client.register(subject, SampleSchemas.usageEventWithRequiredChannel()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
                    assertThat(e.getMessage()).contains(subject);
                });
    }

    @Test
    void unknownSubjectAndSchemaIdAreNotFound() {
        assertThatThrownBy(() -> client.latest(subject))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    }

    @Test
    void serdeRoundTripsThroughTheRegistry() {
        UsageEvent event = Events.usageWithEveryField().avro();
        byte[] bytes = serde().serializer().serialize(topic, event);

        // A second factory has empty caches, so the writer schema really comes from the registry by id.
        UsageEvent read = serde().deserializer().deserialize(topic, bytes);

        assertThat(read).isEqualTo(event);
        assertThat(client.latest(subject).schema()).isEqualTo(USAGE);
    }

    private Serde<UsageEvent> serde() {
        return new AvroSerdes(SchemaRegistryConfig.forUrl(registryUrl())).valueSerde(UsageEvent.class);
    }
}
