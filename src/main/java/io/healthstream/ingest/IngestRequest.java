package io.healthstream.ingest;

import java.util.Optional;
import java.util.function.Function;

/** A request's body, read whole within the size limit, and its headers by name (case-insensitive). */
record IngestRequest(byte[] body, Function<String, Optional<String>> headers) {
    Optional<String> header(String name) {
        return headers.apply(name);
    }
}
