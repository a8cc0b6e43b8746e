/**
 * Developer tooling, never imported by the engine: the single-node Kafka broker ({@code broker}), the
 * schema registry served over HTTP from memory ({@code registry}), the synthetic portfolio
 * ({@code generator}) and the demo's live summary ({@code demo}). The {@code demo} and {@code generate}
 * commands in {@code app} put them together.
 */
package io.healthstream.tools;
