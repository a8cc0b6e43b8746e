package io.healthstream.ingest;

import java.util.List;

/** What one request maps to: the events to produce, and how many of its calls or events were ignored. */
record IngestBatch(List<IngestEvent> events, int ignored) {
    IngestBatch {
        events = List.copyOf(events);
    }

    static IngestBatch ignoredOne() {
        return new IngestBatch(List.of(), 1);
    }
}
