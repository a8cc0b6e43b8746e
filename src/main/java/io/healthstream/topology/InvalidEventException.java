package io.healthstream.topology;

/** An input record that deserialized but breaks the contract; it goes to the dead-letter topic. */
public final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason low-cardinality code for headers and metrics, e.g. {@code invalid-nps-score}
     */
    public InvalidEventException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
