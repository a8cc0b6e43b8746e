package io.healthstream.query;

/** A question that cannot be answered now, or at all, with the reason a caller can act on. */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the question has no answer. */
    public enum Reason {
        /** The question itself is wrong (a cursor this instance never gave out, say). */
        INVALID,
        /** Stores or partition owners are not available yet (starting, rebalancing): ask again. */
        NOT_READY,
        /** The instance that holds the answer did not give it. */
        OWNER_FAILED
    }

    private final Reason reason;

    QueryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
