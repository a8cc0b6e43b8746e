package io.healthstream.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Locale;

/** One entry of the replay's dead-letter file: the line it came from, why it was rejected, and the details. */
record DeadLetter(long line, String reason, ObjectNode json) {
    /** The reason of a line that is not an event at all, so it never reached the topology. */
    static final String MALFORMED_LINE = "malformed-line";

    /** A line that is text but not an event: not JSON, an unknown topic, a field missing or of the wrong type. */
    static DeadLetter malformed(long line, String text, String error) {
        ObjectNode json = start(line, MALFORMED_LINE, error);
        json.put("raw", text);
        return new DeadLetter(line, MALFORMED_LINE, json);
    }

    /** A line that is not UTF-8: its bytes cannot be JSON text, so they go as base64. */
    static DeadLetter notUtf8(Utf8LineReader.NotUtf8 bad) {
        String error = String.format(
                Locale.ROOT,
                "not valid UTF-8: byte 0x%02X at byte offset %d of the line",
                bad.bytes()[bad.offset()],
                bad.offset());
        ObjectNode json = start(bad.number(), MALFORMED_LINE, error);
        json.put("raw_base64", Base64.getEncoder().encodeToString(bad.bytes()));
        return new DeadLetter(bad.number(), MALFORMED_LINE, json);
    }

    private static ObjectNode start(long line, String reason, String error) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("line", line);
        json.put("reason", reason);
        json.put("error", error);
        return json;
    }
}
