package io.healthstream.ingest;

import java.util.List;

/** Where mapped events go; returns only once every one of them is durably stored. */
@FunctionalInterface
interface EventSink {
    /** @throws UnacknowledgedException when any event could not be written or was not acknowledged */
    void sendAll(List<IngestEvent> events);
}
