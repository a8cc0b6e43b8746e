/**
 * Look-ups over Kafka Streams interactive queries: accounts (one, a page, counts by band), forwarded to
 * the instance that owns the key; the latest published KPIs; liveness and readiness. The HTTP layer asks
 * only this package.
 */
package io.healthstream.query;
