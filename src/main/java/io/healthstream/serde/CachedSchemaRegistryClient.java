package io.healthstream.serde;

import org.apache.avro.Schema;

/**
 * Caches the answers that never change (schema by id, id of a schema under a subject) in front of
 * another client, each cache bounded. Latest-version and compatibility questions always go through.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {
    private final SchemaRegistryClient delegate;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> registeredIds;
    private final BoundedCache<SubjectSchema, RegisteredSchema> lookups;

    public CachedSchemaRegistryClient(SchemaRegistryClient delegate, int capacity) {
        this.delegate = delegate;
        this.schemasById = new BoundedCache<>(capacity);
        this.registeredIds = new BoundedCache<>(capacity);
        this.lookups = new BoundedCache<>(capacity);
    }

    /** Also caches the schema by the id it got, so that reading back what this client wrote never asks the registry. */
    @Override
    public int register(String subject, Schema schema) {
        return registeredIds.get(new SubjectSchema(subject, schema), key -> {
            int id = delegate.register(subject, schema);
            schemasById.put(id, schema);
            return id;
        });
    }

    /** Also caches the schema by its id, as {@link #register} does: auto-registration off reads back the same way. */
    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookups.get(new SubjectSchema(subject, schema), key -> {
            RegisteredSchema found = delegate.lookup(subject, schema);
            schemasById.put(found.id(), found.schema());
            return found;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.get(id, delegate::schemaById);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return delegate.isCompatible(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    /** How many schemas by id are cached; never more than the capacity. */
    int cachedSchemaCount() {
        return schemasById.size();
    }

    private record SubjectSchema(String subject, Schema schema) {}
}
