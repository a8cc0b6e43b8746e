/**
 * Micrometer metrics: {@link io.healthstream.metrics.HealthMetrics} owns the Prometheus registry,
 * listens to the topology and binds Kafka Streams' client metrics.
 */
package io.healthstream.metrics;
