package io.healthstream.app;

import io.healthstream.ingest.IngestSettings;
import io.healthstream.ingest.IngestSettings.StripeSettings;
import io.healthstream.scoring.InvalidSettingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ingest server's keys in the table, and its settings read from them. */
final class IngestConfig {
    static final String SEGMENT_ACTION = IngestSettings.SEGMENT_ACTIONS + "<event>";
    private static final int MAX_BODY_LIMIT = 100 * 1024 * 1024;

    private IngestConfig() {}

    static void addKeys(List<ConfigKey> keys) {
        keys.add(new ConfigKey(
                IngestSettings.ENABLED,
                ConfigKey.Type.BOOLEAN,
                "false",
                "runs the ingest endpoint (POST /ingest/events, /ingest/stripe, /ingest/segment); needs ingest.token"));
        keys.add(new ConfigKey(
                IngestSettings.BIND, ConfigKey.Type.TEXT, "127.0.0.1", "address the ingest endpoint listens on"));
        keys.add(new ConfigKey(
                IngestSettings.PORT,
                ConfigKey.Type.WHOLE_NUMBER,
                "8090",
                "port of the ingest endpoint, 0-65535 (0 picks a free one)"));
        keys.add(
                new ConfigKey(
                        IngestSettings.TOKEN,
                        ConfigKey.Type.SECRET,
                        null,
                        "bearer token /ingest/events and /ingest/segment ask for; at least 16 characters; required when ingest is on"));
        keys.add(new ConfigKey(
                IngestSettings.MAX_BODY_BYTES,
                ConfigKey.Type.WHOLE_NUMBER,
                "1048576",
                "largest request body the ingest endpoint reads, in bytes; larger ones get 413"));
        keys.add(
                new ConfigKey(
                        IngestSettings.MAX_REQUESTS_PER_SECOND,
                        ConfigKey.Type.WHOLE_NUMBER,
                        "100",
                        "requests per second the ingest endpoint takes (a token bucket, bursts up to this many); more get 429"));
        keys.add(new ConfigKey(
                StripeSettings.SECRET,
                ConfigKey.Type.SECRET,
                null,
                "the Stripe webhook endpoint's signing secret (whsec_...); /ingest/stripe is off without it"));
        keys.add(new ConfigKey(
                StripeSettings.TOLERANCE,
                ConfigKey.Type.DURATION,
                "5m",
                "how old a Stripe-Signature timestamp may be"));
        keys.add(
                new ConfigKey(
                        StripeSettings.ACCOUNT_METADATA_KEY,
                        ConfigKey.Type.TEXT,
                        null,
                        "metadata key of the Stripe subscription holding the account id; the Stripe customer id when unset or absent"));
        keys.add(new ConfigKey(
                SEGMENT_ACTION,
                ConfigKey.Type.TEXT,
                null,
                "usage action a Segment track event of that name becomes; others become the name in lower snake case"));
    }

    static IngestSettings read(ConfigValues read, Map<String, String> values) {
        return new IngestSettings(
                read.bool(IngestSettings.ENABLED),
                read.required(IngestSettings.BIND),
                read.wholeNumber(IngestSettings.PORT, 0, 65_535, "a port number (0-65535)"),
                read.text(IngestSettings.TOKEN),
                read.wholeNumber(
                        IngestSettings.MAX_BODY_BYTES, 1, MAX_BODY_LIMIT, "a number of bytes, 1 to " + MAX_BODY_LIMIT),
                read.wholeNumber(
                        IngestSettings.MAX_REQUESTS_PER_SECOND, 1, Integer.MAX_VALUE, "a whole number, at least 1"),
                new StripeSettings(
                        read.text(StripeSettings.SECRET),
                        tolerance(read.duration(StripeSettings.TOLERANCE)),
                        read.text(StripeSettings.ACCOUNT_METADATA_KEY)),
                segmentActions(values));
    }

    private static Duration tolerance(Duration tolerance) {
        if (tolerance.toSeconds() < 1) {
            throw new InvalidSettingException(StripeSettings.TOLERANCE, "must be at least 1s");
        }
        return tolerance;
    }

    private static Map<String, String> segmentActions(Map<String, String> values) {
        Map<String, String> actions = new TreeMap<>();
        values.forEach((key, action) -> {
            if (key.startsWith(IngestSettings.SEGMENT_ACTIONS)
                    && key.length() > IngestSettings.SEGMENT_ACTIONS.length()) {
                if (action.isBlank()) {
                    throw new InvalidSettingException(key, "must name a usage action");
                }
                actions.put(key.substring(IngestSettings.SEGMENT_ACTIONS.length()), action.trim());
            }
        });
        return actions;
    }
}
