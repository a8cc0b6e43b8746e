package io.healthstream.ingest;

/** Turns one request of a source into the events to produce. */
@FunctionalInterface
interface PayloadMapper {
    /**
     * @throws InvalidPayloadException naming what is wrong with the payload
     * @throws BadSignatureException when the payload's signature does not check out
     */
    IngestBatch map(IngestRequest request);
}
