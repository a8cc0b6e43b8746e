package io.healthstream.api;

/** Ends a request with a 4xx or 5xx status and a message safe to show the caller. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
