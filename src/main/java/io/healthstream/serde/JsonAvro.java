package io.healthstream.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Plain JSON for Avro records, the way people write events by hand: field names as in the schema,
 * enums as strings, timestamps as ISO-8601 UTC or epoch milliseconds, optional fields omitted or
 * null. (Avro's own JSON encoding wraps unions, which nobody exports.)
 */
public final class JsonAvro {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonAvro() {}

    /** Reads {@code json} as a record of {@code schema}; unknown or missing fields are errors naming the field. */
    public static GenericRecord read(JsonNode json, Schema schema) {
        return (GenericRecord) convert(json, schema, schema.getName());
    }

    private static Object convert(JsonNode node, Schema schema, String path) {
        return switch (schema.getType()) {
            case RECORD -> record(node, schema, path);
            case UNION -> union(node, schema, path);
            case NULL -> {
                if (node != null && !node.isNull()) {
                    throw new IllegalArgumentException(path + ": expected null, got " + node);
                }
                yield null;
            }
            case STRING -> {
                require(node != null && node.isTextual(), path, "a string", node);
                yield node.textValue();
            }
            case INT -> {
                require(node != null && node.isIntegralNumber() && node.canConvertToInt(), path, "an integer", node);
                yield node.intValue();
            }
            case LONG -> isTimestamp(schema.getLogicalType()) ? timestamp(node, path) : longValue(node, path);
            case DOUBLE, FLOAT -> {
                require(node != null && node.isNumber(), path, "a number", node);
                yield schema.getType() == Schema.Type.FLOAT ? (Object) node.floatValue() : (Object) node.doubleValue();
            }
            case BOOLEAN -> {
                require(node != null && node.isBoolean(), path, "true or false", node);
                yield node.booleanValue();
            }
            case ENUM -> {
                require(
                        node != null
                                && node.isTextual()
                                && schema.getEnumSymbols().contains(node.textValue()),
                        path,
                        "one of " + schema.getEnumSymbols(),
                        node);
                yield new GenericData.EnumSymbol(schema, node.textValue());
            }
            case ARRAY -> {
                require(node != null && node.isArray(), path, "an array", node);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < node.size(); i++) {
                    items.add(convert(node.get(i), schema.getElementType(), path + "[" + i + "]"));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                require(node != null && node.isObject(), path, "an object", node);
                Map<String, Object> map = new LinkedHashMap<>();
                node.fields()
                        .forEachRemaining(e -> map.put(
                                e.getKey(), convert(e.getValue(), schema.getValueType(), path + "." + e.getKey())));
                yield map;
            }
            default -> throw new IllegalArgumentException(path + ": unsupported Avro type " + schema.getType());
        };
    }

    private static GenericRecord record(JsonNode node, Schema schema, String path) {
        require(node != null && node.isObject(), path, "an object", node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new IllegalArgumentException(path + ": unknown field '" + name + "'");
            }
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            if ((value == null || value.isNull()) && field.hasDefaultValue()) {
                record.put(field.pos(), GenericData.get().getDefaultValue(field));
            } else if (value == null) {
                throw new IllegalArgumentException(path + ": missing field '" + field.name() + "'");
            } else {
                record.put(field.pos(), convert(value, field.schema(), path + "." + field.name()));
            }
        }
        return record;
    }

    private static Object union(JsonNode node, Schema schema, String path) {
        if (node == null || node.isNull()) {
            if (schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL)) {
                return null;
            }
            throw new IllegalArgumentException(path + ": must not be null");
        }
        IllegalArgumentException last = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.NULL) {
                continue;
            }
            try {
                return convert(node, branch, path);
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw last == null ? new IllegalArgumentException(path + ": no branch of " + schema + " fits") : last;
    }

    private static long longValue(JsonNode node, String path) {
        require(node != null && node.isIntegralNumber() && node.canConvertToLong(), path, "an integer", node);
        return node.longValue();
    }

    private static long timestamp(JsonNode node, String path) {
        if (node != null && node.isTextual()) {
            try {
                return Instant.parse(node.textValue()).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        path + ": not an ISO-8601 UTC timestamp: '" + node.textValue() + "'");
            }
        }
        return longValue(node, path);
    }

    private static boolean isTimestamp(LogicalType type) {
        return type instanceof LogicalTypes.TimestampMillis;
    }

    private static void require(boolean ok, String path, String expected, JsonNode actual) {
        if (!ok) {
            throw new IllegalArgumentException(
                    path + ": expected " + expected + ", got " + (actual == null ? "nothing" : actual.toString()));
        }
    }

    /** Writes a record (generic or generated) as plain JSON: timestamps ISO-8601 UTC, unions unwrapped. */
    public static ObjectNode write(IndexedRecord record) {
        ObjectNode json = JSON.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            json.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return json;
    }

    private static JsonNode toJson(Object value, Schema schema) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (value instanceof Instant instant) {
            return JSON.textNode(instant.toString());
        }
        if (value instanceof Long millis && isTimestamp(nonNull(schema).getLogicalType())) {
            return JSON.textNode(Instant.ofEpochMilli(millis).toString());
        }
        if (value instanceof IndexedRecord nested) {
            return write(nested);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = JSON.arrayNode();
            Schema items = nonNull(schema).getElementType();
            list.forEach(item -> array.add(toJson(item, items)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = JSON.objectNode();
            Schema values = nonNull(schema).getValueType();
            map.forEach((k, v) -> object.set(k.toString(), toJson(v, values)));
            return object;
        }
        if (value instanceof Integer i) {
            return JSON.numberNode(i);
        }
        if (value instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (value instanceof Double d) {
            return JSON.numberNode(d);
        }
        if (value instanceof Float f) {
            return JSON.numberNode(f);
        }
        if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        return JSON.textNode(value.toString());
    }

    /** The non-null branch of an optional field's union. */
    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElse(schema);
    }
}
