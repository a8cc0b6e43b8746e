package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentedScorerTest {
    private static final ModelConfig BASE = ModelConfig.defaults();
    private static final ModelConfig ENTERPRISE =
            Models.with(Map.of("model.weights.usage", "0.7", "model.weights.billing", "0.1", "model.weights.nps", "0"));
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private final SegmentedScorer scorer = new SegmentedScorer(new Segments(
            BASE,
            List.of(new Segment(
                    "enterprise", new SegmentMatch(Set.of("enterprise"), Set.of(), Set.of()), ENTERPRISE))));

    private static AccountState account(String plan) {
        return AccountState.builder()
                .subscription(new AccountState.Subscription(
                        plan, 1, 90_000, "USD", BillingStatus.ACTIVE, null, null, 90_000, null))
                .build();
    }

    @Test
    void anAccountInASegmentIsAssessedWithItsSegmentsModel() {
        AccountState enterprise = account("enterprise");

        assertThat(scorer.assess(enterprise, NOW).score())
                .isEqualTo(new HealthScorer(ENTERPRISE).assess(enterprise, NOW).score())
                .isNotEqualTo(new HealthScorer(BASE).assess(enterprise, NOW).score());
    }

    @Test
    void anAccountNoSegmentMatchesIsAssessedWithTheBaseModel() {
        AccountState pro = account("pro");

        assertThat(scorer.assess(pro, NOW).score())
                .isEqualTo(new HealthScorer(BASE).assess(pro, NOW).score());
    }
}
