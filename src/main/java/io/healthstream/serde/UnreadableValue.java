package io.healthstream.serde;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Says which field of one record Avro schema resolution could not read into the reader's schema: an
 * enum symbol the reader does not have (and no enum default), a union branch it lacks, a reader field
 * without default that the writer does not have. The record is read again with its writer schema alone,
 * which always works for well-formed bytes, and compared with the reader's schema field by field.
 */
final class UnreadableValue {
    private UnreadableValue() {}

    /** What in the Avro binary {@code payload[offset..]} cannot be read as {@code reader}, if it can be told. */
    static Optional<String> describe(byte[] payload, int offset, Schema writer, Schema reader) {
        Object datum;
        try {
            datum = new GenericDatumReader<>(writer, writer, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(payload, offset, payload.length - offset, null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return find(datum, writer, reader, "");
    }

    private static Optional<String> find(Object datum, Schema writer, Schema reader, String path) {
        if (writer.getType() == Schema.Type.UNION) {
            Schema branch = writer.getTypes().get(GenericData.get().resolveUnion(writer, datum));
            return find(datum, branch, reader, path);
        }
        if (reader.getType() == Schema.Type.UNION) {
            return reader.getTypes().stream()
                    .filter(candidate -> sameKind(candidate, writer))
                    .findFirst()
                    .map(branch -> find(datum, writer, branch, path))
                    .orElseGet(() -> Optional.of(
                            field(path) + " holds a " + name(writer) + " that the reader's union does not allow"));
        }
        return switch (writer.getType()) {
            case RECORD -> record((GenericRecord) datum, writer, reader, path);
            case ENUM ->
                reader.getType() == Schema.Type.ENUM
                                && !reader.hasEnumSymbol(datum.toString())
                                && reader.getEnumDefault() == null
                        ? Optional.of(field(path) + " has symbol " + datum + " that enum " + reader.getFullName()
                                + " does not have (and it has no default)")
                        : Optional.empty();
            case ARRAY -> first((Collection<?>) datum, writer.getElementType(), reader.getElementType(), path + "[]");
            case MAP -> first(((Map<?, ?>) datum).values(), writer.getValueType(), reader.getValueType(), path + "{}");
            default -> Optional.empty();
        };
    }

    private static Optional<String> record(GenericRecord datum, Schema writer, Schema reader, String path) {
        if (reader.getType() != Schema.Type.RECORD) {
            return Optional.empty();
        }
        for (Schema.Field wanted : reader.getFields()) {
            if (writer.getField(wanted.name()) == null && !wanted.hasDefaultValue()) {
                return Optional.of(field(join(path, wanted.name())) + " is missing from the writer's schema "
                        + writer.getFullName() + " and has no default");
            }
        }
        for (Schema.Field written : writer.getFields()) {
            Schema.Field wanted = reader.getField(written.name());
            if (wanted != null) {
                Optional<String> problem =
                        find(datum.get(written.pos()), written.schema(), wanted.schema(), join(path, written.name()));
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> first(Collection<?> items, Schema writer, Schema reader, String path) {
        return items.stream()
                .map(item -> find(item, writer, reader, path))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static boolean sameKind(Schema a, Schema b) {
        return a.getType() == b.getType() && name(a).equals(name(b));
    }

    private static String name(Schema schema) {
        return schema.getType() == Schema.Type.RECORD
                        || schema.getType() == Schema.Type.ENUM
                        || schema.getType() == Schema.Type.FIXED
                ? schema.getFullName()
                : schema.getType().getName();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String field(String path) {
        return "field '" + path + "'";
    }
}
