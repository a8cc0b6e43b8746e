package io.healthstream.app;

import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.serde.AvroSerdes;
import io.healthstream.testdata.Events;
import io.healthstream.topology.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Input records no engine should apply, one of each {@link Kind} at a time, as real producers get them wrong:
 * bytes that are not Avro, Avro the registry does not know or that is cut short, a record of another topic, an
 * enum symbol the engine's schema lacks, tombstones, keys that are not the account, empty ids, numbers out of
 * range, times before 1970 or far ahead, and megabyte ids. Records that parse are dated at {@code earliest},
 * before every valid event, so that they move no partition's stream time: a replay without them must give the
 * same outputs.
 */
final class MalformedRecords {
    /** What is wrong with a record. */
    enum Kind {
        RANDOM_BYTES,
        WRONG_MAGIC_BYTE,
        UNKNOWN_SCHEMA_ID,
        TRUNCATED_AVRO,
        WRONG_TOPIC_SCHEMA,
        UNKNOWN_ENUM_SYMBOL,
        NULL_VALUE,
        NULL_KEY,
        EMPTY_ACCOUNT_ID,
        EMPTY_EVENT_ID,
        NPS_OUT_OF_RANGE,
        NEGATIVE_COUNT,
        NEGATIVE_MRR,
        FAR_FUTURE_TIME,
        PRE_1970_TIME,
        MEGABYTE_ID
    }

    /** One record to send: where, under which key (may be null), which bytes (may be null). */
    record Malformed(Kind kind, String topic, String key, byte[] value) {}

    private static final int MEGABYTE = 1_000_000;

    private final AvroSerdes serdes;
    private final Instant earliest;
    private final Random random = new Random(13);
    private final Schema ticketWithNewStatus;
    private int sequence;

    MalformedRecords(AvroSerdes serdes, Instant earliest) {
        this.serdes = serdes;
        this.earliest = earliest;
        // A writer that added a ticket status the engine's schema does not have (BACKWARD compatible to register).
        this.ticketWithNewStatus = new Schema.Parser()
                .parse(SupportTicketEvent.getClassSchema()
                        .toString()
                        .replace("\"REOPENED\"]", "\"REOPENED\",\"MERGED\"]"));
        // The valid producers came first: their schemas are registered before the one with a new ticket status.
        serialized(Topics.USAGE_EVENTS, Events.usage().avro());
        serialized(Topics.NPS_RESPONSES, Events.nps(9).avro());
        serialized(
                Topics.SUBSCRIPTION_EVENTS,
                Events.subscription(SubscriptionChange.TRIAL_STARTED).avro());
        serialized(Topics.SUPPORT_TICKETS, Events.ticket("t-0").avro());
    }

    /** A record of {@code kind} for {@code account}. */
    Malformed next(Kind kind, String account) {
        String id = "fuzz-" + sequence++;
        return switch (kind) {
            case RANDOM_BYTES -> new Malformed(kind, Topics.USAGE_EVENTS, account, randomBytes());
            case WRONG_MAGIC_BYTE ->
                new Malformed(kind, Topics.USAGE_EVENTS, account, patched(usage(account, id), 0, 7));
            case UNKNOWN_SCHEMA_ID -> {
                byte[] bytes = usage(account, id);
                ByteBuffer.wrap(bytes).putInt(1, 900_000 + sequence);
                yield new Malformed(kind, Topics.USAGE_EVENTS, account, bytes);
            }
            case TRUNCATED_AVRO -> {
                byte[] bytes = nps(account, id, 9);
                yield new Malformed(
                        kind,
                        Topics.NPS_RESPONSES,
                        account,
                        Arrays.copyOf(bytes, 5 + random.nextInt(bytes.length - 6)));
            }
            case WRONG_TOPIC_SCHEMA -> new Malformed(kind, Topics.NPS_RESPONSES, account, usage(account, id));
            case UNKNOWN_ENUM_SYMBOL ->
                new Malformed(kind, Topics.SUPPORT_TICKETS, account, ticketWithUnknownStatus(account, id));
            case NULL_VALUE -> new Malformed(kind, Topics.SUBSCRIPTION_EVENTS, account, null);
            case NULL_KEY -> new Malformed(kind, Topics.USAGE_EVENTS, null, usage(account, id));
            case EMPTY_ACCOUNT_ID -> new Malformed(kind, Topics.USAGE_EVENTS, "", usage("", id));
            case EMPTY_EVENT_ID -> new Malformed(kind, Topics.USAGE_EVENTS, account, usage(account, ""));
            case NPS_OUT_OF_RANGE ->
                new Malformed(kind, Topics.NPS_RESPONSES, account, nps(account, id, sequence % 2 == 0 ? 11 : -1));
            case NEGATIVE_COUNT ->
                new Malformed(
                        kind,
                        Topics.USAGE_EVENTS,
                        account,
                        serialized(
                                Topics.USAGE_EVENTS,
                                Events.usage()
                                        .account(account)
                                        .id(id)
                                        .at(earliest)
                                        .count(-5)
                                        .avro()));
            case NEGATIVE_MRR ->
                new Malformed(
                        kind,
                        Topics.SUBSCRIPTION_EVENTS,
                        account,
                        serialized(
                                Topics.SUBSCRIPTION_EVENTS,
                                Events.subscription(SubscriptionChange.PLAN_DOWNGRADED)
                                        .account(account)
                                        .id(id)
                                        .at(earliest)
                                        .mrr(1_000, -100)
                                        .avro()));
            case FAR_FUTURE_TIME ->
                new Malformed(
                        kind,
                        Topics.USAGE_EVENTS,
                        account,
                        serialized(
                                Topics.USAGE_EVENTS,
                                Events.usage()
                                        .account(account)
                                        .id(id)
                                        .at(Instant.parse("2099-01-01T00:00:00Z"))
                                        .avro()));
            case PRE_1970_TIME ->
                new Malformed(
                        kind,
                        Topics.USAGE_EVENTS,
                        account,
                        serialized(
                                Topics.USAGE_EVENTS,
                                Events.usage()
                                        .account(account)
                                        .id(id)
                                        .at(Instant.parse("1960-01-01T00:00:00Z"))
                                        .avro()));
            case MEGABYTE_ID -> new Malformed(kind, Topics.USAGE_EVENTS, account, usage("x".repeat(MEGABYTE), id));
        };
    }

    private byte[] usage(String account, String id) {
        return serialized(
                Topics.USAGE_EVENTS,
                Events.usage().account(account).id(id).at(earliest).avro());
    }

    private byte[] nps(String account, String id, int score) {
        return serialized(
                Topics.NPS_RESPONSES,
                Events.nps(score).account(account).id(id).at(earliest).avro());
    }

    private byte[] ticketWithUnknownStatus(String account, String id) {
        SupportTicketEvent valid =
                Events.ticket("t-" + id).account(account).id(id).at(earliest).avro();
        GenericRecord record = new GenericData.Record(ticketWithNewStatus);
        for (Schema.Field field : ticketWithNewStatus.getFields()) {
            Object value = valid.get(field.name());
            record.put(
                    field.name(),
                    value instanceof Instant at
                            ? at.toEpochMilli()
                            : value instanceof Enum<?> e
                                    ? new GenericData.EnumSymbol(enumSchema(field.schema()), e.name())
                                    : value);
        }
        record.put(
                "status",
                new GenericData.EnumSymbol(
                        enumSchema(ticketWithNewStatus.getField("status").schema()), "MERGED"));
        return serdes.genericValueSerde().serializer().serialize(Topics.SUPPORT_TICKETS, record);
    }

    /** {@code record} as a generic record of {@code writer}, a later version of its schema (same field names). */
    static GenericRecord asWrittenBy(Schema writer, SpecificRecordBase record) {
        GenericRecord copy = new GenericData.Record(writer);
        for (Schema.Field field : writer.getFields()) {
            Object value =
                    record.getSchema().getField(field.name()) == null ? field.defaultVal() : record.get(field.name());
            copy.put(
                    field.name(),
                    value instanceof Instant at
                            ? at.toEpochMilli()
                            : value instanceof Enum<?> symbol
                                    ? new GenericData.EnumSymbol(enumSchema(field.schema()), symbol.name())
                                    : value == JsonProperties.NULL_VALUE ? null : value);
        }
        return copy;
    }

    private static Schema enumSchema(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                ? schema.getTypes().stream()
                        .filter(s -> s.getType() == Schema.Type.ENUM)
                        .findFirst()
                        .orElseThrow()
                : schema;
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> byte[] serialized(String topic, T value) {
        return serdes.valueSerde((Class<T>) value.getClass()).serializer().serialize(topic, value);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] patched(byte[] bytes, int index, int value) {
        bytes[index] = (byte) value;
        return bytes;
    }
}
