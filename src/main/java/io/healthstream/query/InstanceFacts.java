package io.healthstream.query;

/** What an instance runs, as {@code GET /info} reports it next to its stores. */
public record InstanceFacts(String version, String modelVersion, String applicationId, String processingGuarantee) {}
