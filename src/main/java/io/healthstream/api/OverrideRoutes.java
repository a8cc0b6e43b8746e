package io.healthstream.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.OverrideAction;
import io.healthstream.query.ApiJson;
import io.healthstream.scoring.CsmOverride;
import io.healthstream.serde.JsonAvro;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST} and {@code DELETE /accounts/{id}/override}: a CSM's JSON body checked, then written as a
 * {@link HealthOverride} command that the topology applies like any input. 202 only once it is durably written;
 * the engine publishes the account with its override moments later.
 */
final class OverrideRoutes {
    static final Duration DEFAULT_DURATION = Duration.ofDays(30);
    static final int MAX_REASON_LENGTH = 1000;
    static final int MAX_AUTHOR_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(OverrideRoutes.class);
    private static final Set<String> SET_FIELDS = Set.of("band", "score", "reason", "author", "expires_at", "days");
    private static final Set<String> LIFT_FIELDS = Set.of("reason", "author");

    private final OverrideWriter writer;
    private final Duration maxDuration;
    private final Clock clock;

    OverrideRoutes(OverrideConfig config) {
        this.writer = config.writer();
        this.maxDuration = config.maxDuration();
        this.clock = config.clock();
    }

    /** Sets the account's override: {@code band} or {@code score}, {@code reason}, {@code author}, {@code expires_at} or {@code days}. */
    ApiResponse set(ApiRequest request, String accountId) {
        JsonNode body = body(request, SET_FIELDS);
        if (body.has("band") == body.has("score")) {
            throw new ApiException(400, "give either band or score");
        }
        Instant now = clock.instant();
        HealthOverride.Builder command = command(body, accountId, OverrideAction.SET, now);
        if (body.has("band")) {
            command.setBand(band(body.get("band")));
        } else {
            command.setPinnedScore(score(body.get("score")));
        }
        return written(command.setExpiresAt(expiry(body, now)).build());
    }

    /** Lifts the account's override, with {@code reason} and {@code author}. */
    ApiResponse lift(ApiRequest request, String accountId) {
        JsonNode body = body(request, LIFT_FIELDS);
        return written(
                command(body, accountId, OverrideAction.LIFT, clock.instant()).build());
    }

    private static HealthOverride.Builder command(JsonNode body, String accountId, OverrideAction action, Instant now) {
        return HealthOverride.newBuilder()
                .setOverrideId(UUID.randomUUID().toString())
                .setAccountId(accountId)
                .setAction(action)
                .setReason(text(body, "reason", MAX_REASON_LENGTH))
                .setAuthor(text(body, "author", MAX_AUTHOR_LENGTH))
                .setCreatedAt(now);
    }

    private ApiResponse written(HealthOverride command) {
        try {
            writer.write(command);
        } catch (RuntimeException e) {
            LOG.warn(
                    "override {} of {} not written: {}", command.getOverrideId(), command.getAccountId(), e.toString());
            throw new ApiException(
                    503, "the override was not written to Kafka (" + e.getMessage() + "); send it again");
        }
        return ApiResponse.json(202, JsonAvro.write(command));
    }

    private static JsonNode body(ApiRequest request, Set<String> allowed) {
        JsonNode body;
        try {
            body = ApiJson.MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "the body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new ApiException(
                        400,
                        "unknown field '" + name + "'; allowed: "
                                + allowed.stream().sorted().toList());
            }
        });
        return body;
    }

    private static String text(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ApiException(400, field + " is required (a non-blank string)");
        }
        if (value.asText().length() > maxLength) {
            throw new ApiException(400, field + " is longer than " + maxLength + " characters");
        }
        return value.asText();
    }

    private static HealthBand band(JsonNode value) {
        try {
            return HealthBand.valueOf(value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    400, "band must be one of " + Arrays.toString(HealthBand.values()) + ", got " + value);
        }
    }

    private static double score(JsonNode value) {
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > CsmOverride.MAX_PINNED_SCORE) {
            throw new ApiException(
                    400, "score must be a number from 0 to " + CsmOverride.MAX_PINNED_SCORE + ", got " + value);
        }
        return value.asDouble();
    }

    /** expires_at (an ISO-8601 instant in the future) or days from now, not both; 30 days (or the maximum) by default. */
    private Instant expiry(JsonNode body, Instant now) {
        Instant latest = now.plus(maxDuration);
        if (body.has("expires_at") && body.has("days")) {
            throw new ApiException(400, "give expires_at or days, not both");
        }
        Instant expiresAt;
        if (body.has("expires_at")) {
            expiresAt = instant(body.get("expires_at"));
        } else if (body.has("days")) {
            JsonNode days = body.get("days");
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1) {
                throw new ApiException(400, "days must be a whole number, at least 1, got " + days);
            }
            expiresAt = now.plus(Duration.ofDays(days.asInt()));
        } else {
            Instant byDefault = now.plus(DEFAULT_DURATION);
            return byDefault.isBefore(latest) ? byDefault : latest;
        }
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(latest)) {
            throw new ApiException(
                    400,
                    "the override must end after now and within " + maxDuration.toDays()
                            + " days (overrides.max-days), by " + latest + "; got " + expiresAt);
        }
        return expiresAt;
    }

    private static Instant instant(JsonNode value) {
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    400, "expires_at must be an ISO-8601 instant like 2026-12-31T00:00:00Z, got " + value);
        }
    }
}
