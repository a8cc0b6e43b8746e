package io.healthstream.serde.testdata;

import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Evolutions of our schemas, for compatibility and schema-resolution tests. */
public final class SampleSchemas {
    private SampleSchemas() {}

    /** UsageEvent plus a {@code channel} string with default "unknown": a BACKWARD-compatible next version. */
    public static Schema usageEventWithChannelDefault() {
        return usageEventPlus(new Schema.Field(
                "channel", Schema.create(Schema.Type.STRING), "Where the action happened.", "unknown"));
    }

    /** UsageEvent plus a required {@code channel} string: old records cannot be read, so not BACKWARD-compatible. */
    public static Schema usageEventWithRequiredChannel() {
        return usageEventPlus(
                new Schema.Field("channel", Schema.create(Schema.Type.STRING), "Where the action happened."));
    }

    /**
     * SupportTicketEvent v2 as a newer help desk registers it: {@code priority} gains the symbol
     * {@code CRITICAL}. BACKWARD-compatible (v2 reads every v1 record); v1 readers cannot read CRITICAL.
     */
    public static Schema supportTicketWithCriticalPriority() {
        String v1 = SupportTicketEvent.getClassSchema().toString();
        return new Schema.Parser().parse(v1.replace("\"URGENT\"]", "\"URGENT\",\"CRITICAL\"]"));
    }

    private static Schema usageEventPlus(Schema.Field extra) {
        Schema current = UsageEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(extra);
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }
}
