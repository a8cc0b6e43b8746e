package io.healthstream.ingest;

/** A payload that cannot be mapped; the message says why and is safe to show the caller (no secrets in it). */
final class InvalidPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidPayloadException(String reason) {
        super(reason);
    }
}
