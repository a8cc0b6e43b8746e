package io.healthstream.ingest;

/** Kafka (or the schema registry) did not take every event of a request: the caller should send it again. */
final class UnacknowledgedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnacknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
