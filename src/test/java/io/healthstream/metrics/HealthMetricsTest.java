package io.healthstream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.Components;
import io.healthstream.scoring.ContractionType;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.SignalType;
import io.healthstream.scoring.TouchModel;
import io.healthstream.topology.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMetricsTest {
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
    void theModelInUseIsNamedByItsVersion() {
        metrics.scoringWith("chs-1/f513d27b5ea3");

        assertThat(metrics.scrape()).contains("healthstream_model_info{model_version=\"chs-1/f513d27b5ea3\"} 1\n");
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
        metrics.published(new Outcome.ChurnAlert(SignalType.USAGE_DROP, "usage halved", "call", null), 1500);

        assertThat(metrics.scrape())
                .contains("healthstream_churn_signals_total{type=\"USAGE_DROP\"} 1.0")
                .contains("healthstream_records_emitted_total{topic=\"churn-signals\"} 1.0")
                .contains("healthstream_event_to_emit_latency_seconds_count 1")
                .contains("healthstream_event_to_emit_latency_seconds_sum 1.5")
                .contains("healthstream_event_to_emit_latency_seconds{quantile=\"0.99\"}");
    }

    @Test
    void publishedScoresFillTheScoreHistogram() {
        metrics.published(health(69.0), 10);

        assertThat(metrics.scrape())
                .contains("healthstream_health_score_bucket{le=\"65.0\"} 0")
                .contains("healthstream_health_score_bucket{le=\"70.0\"} 1")
                .contains("healthstream_health_score_sum 69.0")
                .contains("healthstream_records_emitted_total{topic=\"account-health\"} 1.0");
    }

    @Test
    void contractedMrrIsAddedUpAsAPositiveAmountPerCurrency() {
        metrics.published(contraction(ContractionType.SEATS_REDUCED, 9900, 4900), 0);
        metrics.published(contraction(ContractionType.DOWNGRADE, 4900, 2900), 0);

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
        metrics.published(health(20.0), 10);
        metrics.published(contraction(ContractionType.DOWNGRADE, 9900, 2900), 0);

        assertThat(metrics.scrape()).doesNotContain("acc-1");
    }

    private static Outcome health(double score) {
        return new Outcome.HealthUpdate(
                new HealthAssessment(
                        score,
                        score,
                        Band.YELLOW,
                        new Components(50.0, 100.0, 80.0, 50.0),
                        List.of(),
                        TouchModel.LOW_TOUCH,
                        "call",
                        Map.of()),
                null,
                null,
                "default");
    }

    private static Outcome contraction(ContractionType type, long before, long after) {
        return new Outcome.Contraction(type, before, after, "EUR", null, "ask why");
    }
}
