/**
 * The read-only HTTP endpoint: Prometheus metrics, health checks, and account health and KPIs over
 * Kafka Streams interactive queries; see {@link io.healthstream.api.ObservabilityServer}.
 */
package io.healthstream.api;
