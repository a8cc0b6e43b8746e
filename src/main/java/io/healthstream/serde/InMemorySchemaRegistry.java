package io.healthstream.serde;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The registry itself, in memory: the one implementation behind both {@code mock://} scopes and
 * {@link EmbeddedSchemaRegistry}'s HTTP API. Ids are registry-wide and stable per schema text,
 * versions count per subject, and {@link CompatibilityLevel#BACKWARD} is checked with Avro's
 * {@link SchemaCompatibility}. Thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private static final String LATEST = "latest";

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    /** Keyed by Avro's full JSON form, so schemas that differ only in defaults or docs get different ids. */
    private final Map<String, Integer> idsBySchemaText = new HashMap<>();

    private final Map<String, List<Integer>> versionIdsBySubject = new TreeMap<>();
    private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();
    private CompatibilityLevel defaultLevel = CompatibilityLevel.BACKWARD;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versionIds = versionIdsBySubject.getOrDefault(subject, List.of());
        Integer existingId = idsBySchemaText.get(schema.toString());
        if (existingId != null && versionIds.contains(existingId)) {
            return existingId;
        }
        if (!versionIds.isEmpty() && compatibility(subject) == CompatibilityLevel.BACKWARD) {
            requireBackwardCompatible(schema, schemasById.get(versionIds.get(versionIds.size() - 1)));
        }
        int id = existingId != null ? existingId : newId(schema);
        versionIdsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> versionIds = versionIds(subject);
        Integer id = idsBySchemaText.get(schema.toString());
        int index = id == null ? -1 : versionIds.indexOf(id);
        if (index < 0) {
            throw SchemaRegistryException.schemaNotFound("no version of subject '" + subject + "' holds this schema");
        }
        return new RegisteredSchema(subject, index + 1, id, schema);
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw SchemaRegistryException.schemaNotFound("no schema with id " + id);
        }
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return version(subject, LATEST);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        return isCompatible(subject, LATEST, schema);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        levelsBySubject.put(subject, level);
    }

    /** A version of the subject by number or {@code latest}. */
    public synchronized RegisteredSchema version(String subject, String version) {
        List<Integer> versionIds = versionIds(subject);
        int number = LATEST.equals(version) ? versionIds.size() : parseVersion(subject, version);
        if (number < 1 || number > versionIds.size()) {
            throw SchemaRegistryException.versionNotFound(subject, version);
        }
        int id = versionIds.get(number - 1);
        return new RegisteredSchema(subject, number, id, schemasById.get(id));
    }

    /**
     * Whether the schema can read what the given version wrote. A subject without versions accepts
     * anything, as Confluent's registry answers.
     */
    public synchronized boolean isCompatible(String subject, String version, Schema schema) {
        if (LATEST.equals(version)
                && versionIdsBySubject.getOrDefault(subject, List.of()).isEmpty()) {
            return true;
        }
        Schema writer = version(subject, version).schema();
        return compatibility(subject) == CompatibilityLevel.NONE
                || backwardCheck(schema, writer).getType() == SchemaCompatibilityType.COMPATIBLE;
    }

    public synchronized List<String> subjects() {
        return List.copyOf(versionIdsBySubject.keySet());
    }

    /** The version numbers of a subject, 1..n. */
    public synchronized List<Integer> versions(String subject) {
        int count = versionIds(subject).size();
        List<Integer> numbers = new ArrayList<>(count);
        for (int number = 1; number <= count; number++) {
            numbers.add(number);
        }
        return numbers;
    }

    /** The level in force for the subject: its own, else the registry default. */
    public synchronized CompatibilityLevel compatibility(String subject) {
        return levelsBySubject.getOrDefault(subject, defaultLevel);
    }

    public synchronized CompatibilityLevel defaultCompatibility() {
        return defaultLevel;
    }

    public synchronized void setDefaultCompatibility(CompatibilityLevel level) {
        defaultLevel = level;
    }

    private int newId(Schema schema) {
        int id = schemasById.size() + 1;
        schemasById.put(id, schema);
        idsBySchemaText.put(schema.toString(), id);
        return id;
    }

    private List<Integer> versionIds(String subject) {
        List<Integer> versionIds = versionIdsBySubject.get(subject);
        if (versionIds == null) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versionIds;
    }

    private static int parseVersion(String subject, String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw SchemaRegistryException.versionNotFound(subject, version);
        }
    }

    private static void requireBackwardCompatible(Schema reader, Schema writer) {
        SchemaPairCompatibility check = backwardCheck(reader, writer);
        if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw SchemaRegistryException.incompatible(check.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " at " + i.getLocation())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** BACKWARD: the new schema, as reader, must read data written with the registered one. */
    private static SchemaPairCompatibility backwardCheck(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    }
}
