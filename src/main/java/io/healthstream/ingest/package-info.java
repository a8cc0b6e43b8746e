/**
 * Event sources over HTTP: an ingest server that takes events in healthstream's own JSON contract, Stripe
 * webhooks and Segment track calls, maps them to the input topics' Avro records and produces them with an
 * idempotent producer, answering 2xx only once Kafka has acknowledged every event of a request; see
 * {@link io.healthstream.ingest.IngestServer}.
 */
package io.healthstream.ingest;
