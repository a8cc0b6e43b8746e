package io.healthstream.ingest;

import java.util.Locale;

/** How an ingest request was answered, with its HTTP status; the metric's outcome tag. */
enum Outcome {
    ACCEPTED(200),
    IGNORED(200),
    INVALID(400),
    BAD_SIGNATURE(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    NOT_ALLOWED(405),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    UNAVAILABLE(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
