/**
 * The read-only HTTP endpoint, HTTP only: routes, bearer-token auth and JSON over the answers of
 * {@code query} and the meters of {@code metrics}; see {@link io.healthstream.api.ObservabilityServer}.
 */
package io.healthstream.api;
