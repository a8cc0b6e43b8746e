package io.healthstream.scoring;

import static io.healthstream.scoring.AccountTimeline.healthUpdate;
import static io.healthstream.scoring.AccountTimeline.opportunities;
import static io.healthstream.scoring.AccountTimeline.opportunityTypes;
import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.nps;
import static io.healthstream.testdata.Events.subscription;
import static io.healthstream.testdata.Events.usage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpportunityTest {
    private final AccountTimeline account = AccountTimeline.withDefaults();

    private static Instant hour(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    private void started() {
        account.apply(
                subscription(SubscriptionChange.SUBSCRIPTION_STARTED).at(T0).build());
    }

    @Test
    @DisplayName("150 logins of 100 expected: 60 + 30 + 20 + 7 = 117 THRIVING, an expansion opportunity")
    void enteringThrivingIsAnOpportunity() {
        started();

        List<Outcome> outcomes = account.apply(usage().count(150).at(hour(1)).build());

        assertThat(healthUpdate(outcomes).assessment().band()).isEqualTo(Band.THRIVING);
        Outcome.Opportunity thriving = opportunities(outcomes).stream()
                .filter(o -> o.type() == OpportunityType.THRIVING_ENTERED)
                .findFirst()
                .orElseThrow();
        assertThat(thriving.score()).isEqualTo(117.0);
        assertThat(thriving.recommendedAction()).startsWith("Propose an upgrade or add-ons");
    }

    @Test
    void stayingThrivingIsNotANewOpportunity() {
        started();
        account.apply(usage().count(150).at(hour(1)).build());

        assertThat(opportunityTypes(account.apply(usage().count(10).at(hour(2)).build())))
                .doesNotContain(OpportunityType.THRIVING_ENTERED);
    }

    @Test
    void promoterAnswerIsAnOpportunity() {
        started();

        List<Outcome> outcomes = account.apply(nps(9).at(hour(1)).build());

        assertThat(opportunityTypes(outcomes)).containsExactly(OpportunityType.PROMOTER);
        // N 90: 30 + 20 + 9
        assertThat(opportunities(outcomes).get(0).score()).isEqualTo(59.0);
    }

    @Test
    void passiveAnswerIsNoOpportunity() {
        started();

        assertThat(opportunityTypes(account.apply(nps(8).at(hour(1)).build()))).isEmpty();
    }

    @Test
    @DisplayName("101 logins of 100 expected: usage above plan, 97.4 GREEN, not yet thriving")
    void usageAbovePlanIsAnOpportunity() {
        started();

        List<Outcome> outcomes = account.apply(usage().count(101).at(hour(1)).build());

        assertThat(healthUpdate(outcomes).assessment().score()).isEqualTo(97.4);
        assertThat(opportunityTypes(outcomes)).containsExactly(OpportunityType.USAGE_ABOVE_PLAN);
    }

    @Test
    void usageExactlyAtPlanIsNoOpportunity() {
        started();

        assertThat(opportunityTypes(account.apply(usage().count(100).at(hour(1)).build())))
                .isEmpty();
    }

    @Test
    void usageAbovePlanFiresOncePerEpisode() {
        started();
        account.apply(usage().count(101).at(hour(1)).build());

        assertThat(opportunityTypes(account.apply(usage().count(1).at(hour(2)).build())))
                .isEmpty();
    }
}
