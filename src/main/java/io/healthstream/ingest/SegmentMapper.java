package io.healthstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.avro.UsageEvent;
import io.healthstream.topology.Topics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Segment calls as usage events: a {@code track} call is one usage event (its {@code messageId} the event id), any
 * other call type ({@code identify}, {@code group}, {@code page}, ...) is ignored. A body is one call or a batch,
 * {@code {"batch": [...]}}; one bad call makes the whole request invalid, so nothing of it is produced.
 */
final class SegmentMapper {
    private final Map<String, String> actions;

    /** {@code actions}: event name (as sent, or normalised) to action; other names are normalised. */
    SegmentMapper(Map<String, String> actions) {
        this.actions = Map.copyOf(actions);
    }

    IngestBatch map(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidPayloadException("expected a Segment call or {\"batch\": [...]}");
        }
        if (!body.has("batch")) {
            return mapAll(List.of(body));
        }
        if (!body.path("batch").isArray()) {
            throw new InvalidPayloadException("\"batch\" must be an array of calls");
        }
        List<JsonNode> calls = new ArrayList<>();
        body.path("batch").forEach(calls::add);
        return mapAll(calls);
    }

    /** The action a track event's name maps to: a configured one, else the name in lower snake case. */
    String action(String eventName) {
        String normalised = normalise(eventName);
        return actions.getOrDefault(eventName, actions.getOrDefault(normalised, normalised));
    }

    /** "Report Exported" and "report-exported" both become "report_exported". */
    static String normalise(String eventName) {
        return eventName
                .trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    private IngestBatch mapAll(List<JsonNode> calls) {
        List<IngestEvent> events = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            if (!"track".equals(call.path("type").asText())) {
                ignored++;
                continue;
            }
            try {
                events.add(track(call));
            } catch (InvalidPayloadException e) {
                throw new InvalidPayloadException(
                        calls.size() == 1 ? e.getMessage() : "call " + i + ": " + e.getMessage());
            }
        }
        return new IngestBatch(events, ignored);
    }

    private IngestEvent track(JsonNode call) {
        JsonNode properties = call.path("properties");
        String account = firstText(call.path("context").path("groupId"), properties.path("account_id"));
        if (account == null) {
            throw new InvalidPayloadException("no account: set context.groupId or properties.account_id");
        }
        String user = firstText(call.path("userId"), call.path("anonymousId"));
        if (user == null) {
            throw new InvalidPayloadException("no userId or anonymousId");
        }
        String event = firstText(call.path("event"));
        String messageId = firstText(call.path("messageId"));
        if (event == null || messageId == null) {
            throw new InvalidPayloadException("a track call needs \"event\" and \"messageId\"");
        }
        Instant at = timestamp(call);
        UsageEvent usage = UsageEvent.newBuilder()
                .setEventId(messageId)
                .setAccountId(account)
                .setUserId(user)
                .setOccurredAt(at)
                .setAction(action(event))
                .setCount(count(properties.path("count")))
                .setOnboardingStep(firstText(properties.path("onboarding_step")))
                .build();
        return IngestEvent.of(Topics.USAGE_EVENTS, account, at, usage);
    }

    private static int count(JsonNode count) {
        if (count.isMissingNode() || count.isNull()) {
            return 1;
        }
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 0) {
            throw new InvalidPayloadException("properties.count must be a whole number, 0 or more, got " + count);
        }
        return count.intValue();
    }

    private static Instant timestamp(JsonNode call) {
        String text = firstText(call.path("timestamp"), call.path("originalTimestamp"));
        if (text == null) {
            throw new InvalidPayloadException("no timestamp");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException("timestamp is not ISO-8601: '" + text + "'");
        }
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }
}
