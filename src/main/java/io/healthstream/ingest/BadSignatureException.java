package io.healthstream.ingest;

/** A webhook whose signature is missing, stale or wrong; the message names which, never the secret. */
final class BadSignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadSignatureException(String reason) {
        super(reason);
    }
}
