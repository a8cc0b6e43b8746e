package io.healthstream.ingest;

import io.healthstream.api.ApiSettings;
import io.healthstream.scoring.InvalidSettingException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest server's settings: off unless {@code ingest.enabled}; when on, it listens on its own address
 * and port and always asks for its own token (an ingest endpoint writes to Kafka). Body size and request
 * rate are bounded; Stripe and Segment have settings of their own.
 */
public record IngestSettings(
        boolean enabled,
        String bind,
        int port,
        Optional<String> token,
        int maxBodyBytes,
        int maxRequestsPerSecond,
        StripeSettings stripe,
        Map<String, String> segmentActions) {
    public static final String ENABLED = "ingest.enabled";
    public static final String BIND = "ingest.bind";
    public static final String PORT = "ingest.port";
    public static final String TOKEN = "ingest.token";
    public static final String MAX_BODY_BYTES = "ingest.max-body-bytes";
    public static final String MAX_REQUESTS_PER_SECOND = "ingest.max-requests-per-second";
    public static final String SEGMENT_ACTIONS = "ingest.segment.actions.";

    private static final ApiSettings.ListenerKeys KEYS = new ApiSettings.ListenerKeys(BIND, PORT, TOKEN);

    public IngestSettings {
        segmentActions = Map.copyOf(segmentActions);
        if (enabled) {
            if (token.isEmpty()) {
                throw new InvalidSettingException(
                        TOKEN, "must be set when " + ENABLED + " is true: the ingest endpoints write to Kafka");
            }
            ApiSettings.requireValid(KEYS, bind, port, token);
        }
    }

    /** Stripe's endpoint secret ({@code whsec_...}), the signature's timestamp tolerance, the account id's source. */
    public record StripeSettings(Optional<String> secret, Duration tolerance, Optional<String> accountMetadataKey) {
        public static final String SECRET = "ingest.stripe.secret";
        public static final String TOLERANCE = "ingest.stripe.tolerance";
        public static final String ACCOUNT_METADATA_KEY = "ingest.stripe.account-metadata-key";

        @Override
        public String toString() {
            return "StripeSettings[secret=" + secret.map(s -> "[hidden]").orElse("none") + ", tolerance=" + tolerance
                    + ", accountMetadataKey=" + accountMetadataKey.orElse("none") + "]";
        }
    }

    /** The token and the Stripe secret are never part of the text form, so the record can be logged. */
    @Override
    public String toString() {
        return "IngestSettings[enabled=" + enabled + ", bind=" + bind + ", port=" + port + ", token="
                + token.map(t -> "[hidden]").orElse("none") + ", maxBodyBytes=" + maxBodyBytes
                + ", maxRequestsPerSecond=" + maxRequestsPerSecond + ", stripe=" + stripe + ", segmentActions="
                + segmentActions + "]";
    }
}
