package io.healthstream.app;

/** A mistake in how healthstream was invoked: reported as one line, without a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message, null, false, false);
    }
}
