package io.healthstream.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.testdata.Models;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which segment's model scores an account: the rules, their order, the default. */
class SegmentsTest {
    private static final ModelConfig BASE = ModelConfig.defaults();
    private static final ModelConfig OTHER =
            Models.with(Map.of("model.weights.usage", "0.5", "model.weights.nps", "0"));

    private static Segment segment(String name, Set<String> plans, Set<TouchModel> touches, Set<String> attributes) {
        return new Segment(name, new SegmentMatch(plans, touches, attributes), OTHER);
    }

    private static AccountState account(String plan, long mrr, String attribute) {
        return AccountState.builder()
                .subscription(new AccountState.Subscription(
                        plan, 1, mrr, "USD", BillingStatus.ACTIVE, null, null, mrr, attribute))
                .build();
    }

    @Test
    @DisplayName("the first segment in segments.order that matches wins, though a later one matches too")
    void firstMatchingSegmentInOrderWins() {
        Segments segments = new Segments(
                BASE,
                List.of(
                        segment("enterprise", Set.of("enterprise"), Set.of(), Set.of()),
                        segment("high", Set.of(), Set.of(TouchModel.HIGH_TOUCH), Set.of())));

        assertThat(segments.of(account("enterprise", 90_000, null)).name()).isEqualTo("enterprise");
        assertThat(segments.of(account("pro", 90_000, null)).name()).isEqualTo("high");
    }

    @Test
    void anAccountNoSegmentMatchesGetsTheBaseModelAsDefault() {
        Segments segments =
                new Segments(BASE, List.of(segment("enterprise", Set.of("enterprise"), Set.of(), Set.of())));

        Segment matched = segments.of(account("pro", 10_000, null));

        assertThat(matched.name()).isEqualTo(Segments.DEFAULT);
        assertThat(matched.model()).isSameAs(BASE);
    }

    @Test
    @DisplayName("every rule given must hold; a rule holds when the value is one of those listed")
    void rulesAreAllOfTheirKindsAnyOfTheirValues() {
        Segments segments = new Segments(
                BASE,
                List.of(segment(
                        "big-sales-led",
                        Set.of("business", "enterprise"),
                        Set.of(TouchModel.HIGH_TOUCH),
                        Set.of("sales-led"))));

        assertThat(segments.of(account("business", 60_000, "sales-led")).name()).isEqualTo("big-sales-led");
        assertThat(segments.of(account("enterprise", 60_000, "sales-led")).name())
                .isEqualTo("big-sales-led");
        assertThat(segments.of(account("enterprise", 60_000, "self-serve")).name())
                .isEqualTo(Segments.DEFAULT);
        assertThat(segments.of(account("enterprise", 20_000, "sales-led")).name())
                .isEqualTo(Segments.DEFAULT);
        assertThat(segments.of(account("enterprise", 60_000, null)).name()).isEqualTo(Segments.DEFAULT);
    }

    @Test
    @DisplayName("the touch tier matched is the base model's, whatever the segment's own touch thresholds say")
    void touchTierIsTheBaseModels() {
        ModelConfig lowThresholds = Models.with(Map.of("touch.low.max-mrr", "10", "touch.high.min-mrr", "20"));
        Segments segments = new Segments(
                BASE,
                List.of(new Segment(
                        "high", new SegmentMatch(Set.of(), Set.of(TouchModel.HIGH_TOUCH), Set.of()), lowThresholds)));

        assertThat(segments.of(account("pro", 10_000, null)).name()).isEqualTo(Segments.DEFAULT);
        assertThat(segments.of(account("pro", 50_000, null)).name()).isEqualTo("high");
    }

    @Test
    @DisplayName("after a cancellation the touch tier, and so the segment, follows the MRR last paid")
    void cancelledAccountKeepsItsTierSegment() {
        Segments segments =
                new Segments(BASE, List.of(segment("high", Set.of(), Set.of(TouchModel.HIGH_TOUCH), Set.of())));
        AccountState cancelled = AccountState.builder()
                .subscription(new AccountState.Subscription(
                        "pro", 1, 0, "USD", BillingStatus.CANCELLED, null, null, 60_000, null))
                .build();

        assertThat(segments.of(cancelled).name()).isEqualTo("high");
    }
}
