package io.healthstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CachedSchemaRegistryClientTest {
    private final CountingRegistry backend = new CountingRegistry();
    private final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(backend, 2);

    @Test
    void repeatedLookupByIdIsServedFromCache() {
        int id = backend.register("a-value", schema("A"));

        cached.schemaById(id);
        cached.schemaById(id);

        assertThat(backend.fetchedIds).containsExactly(id);
    }

    @Test
    void cacheNeverHoldsMoreThanItsCapacity() {
        List<Integer> ids = List.of(
                backend.register("a-value", schema("A")),
                backend.register("b-value", schema("B")),
                backend.register("c-value", schema("C")));

        ids.forEach(cached::schemaById);

        assertThat(cached.cachedSchemaCount()).isEqualTo(2);
    }

    @Test
    void leastRecentlyUsedEntryIsEvictedAndFetchedAgain() {
        int a = backend.register("a-value", schema("A"));
        int b = backend.register("b-value", schema("B"));
        int c = backend.register("c-value", schema("C"));

        cached.schemaById(a);
        cached.schemaById(b);
        cached.schemaById(a);
        cached.schemaById(c);
        cached.schemaById(b);

        assertThat(backend.fetchedIds).containsExactly(a, b, c, b);
    }

    @Test
    void registrationOfTheSameSchemaIsAskedOnce() {
        cached.register("a-value", schema("A"));
        cached.register("a-value", schema("A"));

        assertThat(backend.registrations).isEqualTo(1);
    }

    @Test
    void aSchemaThisClientRegisteredIsReadBackByIdWithoutAskingTheRegistry() {
        int id = cached.register("a-value", schema("A"));

        assertThat(cached.schemaById(id)).isEqualTo(schema("A"));
        assertThat(backend.fetchedIds).isEmpty();
    }

    @Test
    void aSchemaThisClientLookedUpIsReadBackByIdWithoutAskingTheRegistry() {
        int id = backend.register("a-value", schema("A"));

        assertThat(cached.lookup("a-value", schema("A")).id()).isEqualTo(id);

        assertThat(cached.schemaById(id)).isEqualTo(schema("A"));
        assertThat(backend.fetchedIds).isEmpty();
    }

    private static Schema schema(String name) {
        return SchemaBuilder.record(name).fields().requiredString("id").endRecord();
    }

    /** An in-memory registry that records which ids were fetched and how often registration was asked. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        private final List<Integer> fetchedIds = new ArrayList<>();
        private int registrations;

        @Override
        public int register(String subject, Schema schema) {
            registrations++;
            return registry.register(subject, schema);
        }

        @Override
        public RegisteredSchema lookup(String subject, Schema schema) {
            return registry.lookup(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            fetchedIds.add(id);
            return registry.schemaById(id);
        }

        @Override
        public RegisteredSchema latest(String subject) {
            return registry.latest(subject);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return registry.isCompatible(subject, schema);
        }

        @Override
        public void setCompatibility(String subject, CompatibilityLevel level) {
            registry.setCompatibility(subject, level);
        }
    }
}
