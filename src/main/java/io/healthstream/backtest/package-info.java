/**
 * The backtest as plain Java: given what the real topology published for an export (scores, critical
 * signals) and the export's cancellations and reactivations, it decides who churned, who was flagged and
 * when, and reports precision, recall, lead time, false alarms, AUC and the MRR caught and missed; it also
 * searches weights and the RED threshold by re-scoring the recorded components. No Kafka, Avro or JSON.
 */
package io.healthstream.backtest;
