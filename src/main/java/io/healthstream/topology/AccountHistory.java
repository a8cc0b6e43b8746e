package io.healthstream.topology;

import java.util.List;

/**
 * One account's history between {@code from} and {@code to}, as {@code GET /accounts/{id}/history} and
 * {@code replay}'s {@code history.jsonl} show it: its published scores ({@code points}) and its other outputs
 * ({@code events}), each oldest first. Rendered with snake_case names ({@code account_id}, {@code model_version}).
 */
public record AccountHistory(String accountId, String from, String to, List<Point> points, List<Event> events) {
    public AccountHistory {
        points = List.copyOf(points);
        events = List.copyOf(events);
    }

    /**
     * One AccountHealth record. {@code override} is the CSM override in force when it was published (null when
     * none was); {@code overrideExpired} the override that ended with it, on the OVERRIDE_EXPIRED record only.
     */
    public record Point(
            String at,
            double score,
            String band,
            Components components,
            String modelVersion,
            Cause cause,
            List<Change> changes,
            Override override,
            Override overrideExpired) {}

    /** A CSM override as the history shows it: the band (and pinned score) held, why, by whom, until when. */
    public record Override(
            String overrideId, String band, Double score, String reason, String author, String expiresAt) {}

    /** The four unweighted component values. */
    public record Components(double usage, double billing, double support, double nps) {}

    /** What caused a point: an event ({@code kind} EVENT, its id) or time alone ({@code kind} TIME, no id). */
    public record Cause(String eventId, String kind) {}

    /** One component that moved since the previous point. */
    public record Change(String component, double delta, String reason) {}

    /** A churn signal, contraction alert, NPS follow-up or expansion opportunity; {@code severity} only on churn signals. */
    public record Event(String at, String kind, String id, String severity, String summary) {}
}
