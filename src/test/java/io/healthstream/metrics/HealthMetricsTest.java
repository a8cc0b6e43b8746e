package io.healthstream.metrics;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ContractionAlert;
import io.healthstream.avro.ContractionKind;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthComponents;
import io.healthstream.avro.TouchTier;
import io.healthstream.topology.Output;
import io.healthstream.topology.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final HealthMetrics metrics = new HealthMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void consumedDuplicateAndLateEventsAreCountedByTopic() {
        metrics.consumed(Topics.USAGE_EVENTS);
        metrics.consumed(Topics.USAGE_EVENTS);
        metrics.duplicate(Topics.USAGE_EVENTS);
        metrics.late(Topics.SUPPORT_TICKETS);

        assertThat(metrics.scrape())
                .contains("healthstream_events_consumed_total{topic=\"usage-events\"} 2.0")
                .contains("healthstream_events_duplicate_total{topic=\"usage-events\"} 1.0")
                .contains("healthstream_events_late_total{topic=\"support-tickets\"} 1.0");
    }

    @Test
    void knownTopicsAndTypesHaveSeriesBeforeTheFirstEvent() {
        assertThat(metrics.scrape())
                .contains("healthstream_events_consumed_total{topic=\"nps-responses\"} 0.0")
                .contains("healthstream_churn_signals_total{type=\"PAYMENT_FAILED\"} 0.0")
                .contains("healthstream_contraction_alerts_total{kind=\"DOWNGRADE\"} 0.0")
                .contains("healthstream_expansion_opportunities_total{reason=\"PROMOTER\"} 0.0");
    }

    @Test
    void deadLettersAreCountedByReasonAndSourceTopic() {
        metrics.deadLettered(Topics.NPS_RESPONSES, "invalid-nps-score");

        assertThat(metrics.scrape())
                .contains("healthstream_dlq_records_total{reason=\"invalid-nps-score\",topic=\"nps-responses\"} 1.0");
    }

    @Test
    void aDeadLetterWithoutASourceTopicIsCountedUnderPunctuationInsteadOfThrowing() {
        metrics.deadLettered(null, "processing-error");

        assertThat(metrics.scrape())
                .contains("healthstream_dlq_records_total{reason=\"processing-error\",topic=\"punctuation\"} 1.0");
    }

    @Test
    void signalsAreCountedByTypeAndLatencyIsTimed() {
        metrics.emitted(Topics.CHURN_SIGNALS, "USAGE_DROP", 1500);

        assertThat(metrics.scrape())
                .contains("healthstream_churn_signals_total{type=\"USAGE_DROP\"} 1.0")
                .contains("healthstream_records_emitted_total{topic=\"churn-signals\"} 1.0")
                .contains("healthstream_event_to_emit_latency_seconds_count 1")
                .contains("healthstream_event_to_emit_latency_seconds_sum 1.5")
                .contains("healthstream_event_to_emit_latency_seconds{quantile=\"0.99\"}");
    }

    @Test
    void publishedScoresFillTheScoreHistogram() {
        metrics.emitted(new Output(Topics.ACCOUNT_HEALTH, "YELLOW", health(69.0)), 10);

        assertThat(metrics.scrape())
                .contains("healthstream_health_score_bucket{le=\"65.0\"} 0")
                .contains("healthstream_health_score_bucket{le=\"70.0\"} 1")
                .contains("healthstream_health_score_sum 69.0")
                .contains("healthstream_records_emitted_total{topic=\"account-health\"} 1.0");
    }

    @Test
    void contractedMrrIsAddedUpAsAPositiveAmountPerCurrency() {
        metrics.emitted(new Output(Topics.CONTRACTION_ALERTS, "SEATS_REDUCED", contraction(9900, 4900)), 0);
        metrics.emitted(new Output(Topics.CONTRACTION_ALERTS, "DOWNGRADE", contraction(4900, 2900)), 0);

        assertThat(metrics.scrape())
                .contains("healthstream_contraction_mrr_total{currency=\"EUR\"} 7000.0")
                .contains("healthstream_contraction_alerts_total{kind=\"SEATS_REDUCED\"} 1.0");
    }

    @Test
    void jvmAndProcessMetricsAreExported() {
        assertThat(metrics.scrape()).contains("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds");
    }

    @Test
    void noTagEverCarriesAnAccountId() {
        metrics.emitted(new Output(Topics.ACCOUNT_HEALTH, "RED", health(20.0)), 10);
        metrics.emitted(new Output(Topics.CONTRACTION_ALERTS, "DOWNGRADE", contraction(9900, 2900)), 0);

        assertThat(metrics.scrape()).doesNotContain("acc-1");
    }

    private static AccountHealth health(double score) {
        return AccountHealth.newBuilder().setAccountId("acc-1").setScore(score).setBand(HealthBand.YELLOW)
                .setPreviousScore(null).setPreviousBand(null).setComponents(new HealthComponents(50.0, 100.0, 80.0, 50.0))
                .setDrivers(List.of()).setRecommendedAction("call").setTouchTier(TouchTier.LOW_TOUCH)
                .setComputedAt(T0).setModelVersion("test").setSourceEventId("e-1").build();
    }

    private static ContractionAlert contraction(long before, long after) {
        return ContractionAlert.newBuilder().setAlertId("a-1").setAccountId("acc-1").setKind(ContractionKind.DOWNGRADE)
                .setMrrBefore(before).setMrrAfter(after).setMrrDelta(after - before).setCurrency("EUR").setAddon(null)
                .setRecommendedAction("ask why").setDetectedAt(T0).setSourceEventId("e-1").build();
    }
}
