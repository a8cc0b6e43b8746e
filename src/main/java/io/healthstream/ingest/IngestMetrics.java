package io.healthstream.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest server's meters: {@code healthstream_ingest_requests_total{source,outcome}} per request and
 * {@code healthstream_ingest_events_total{source,outcome}} per event produced or call ignored.
 */
public final class IngestMetrics {
    static final String REQUESTS = "healthstream.ingest.requests";
    static final String EVENTS = "healthstream.ingest.events";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String source, Outcome outcome) {
        Counter.builder(REQUESTS)
                .description("Ingest requests by source and how they were answered")
                .tag("source", source)
                .tag("outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    void events(String source, String outcome, int count) {
        if (count > 0) {
            Counter.builder(EVENTS)
                    .description("Events produced, or calls ignored, by the ingest endpoints")
                    .tag("source", source)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(count);
        }
    }
}
