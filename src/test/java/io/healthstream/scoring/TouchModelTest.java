package io.healthstream.scoring;

import static io.healthstream.testdata.Events.T0;
import static io.healthstream.testdata.Events.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TouchModelTest {
    private static final ModelConfig.TouchRules RULES = ModelConfig.defaults().touch();

    @ParameterizedTest(name = "MRR {0} is {1}")
    @CsvSource({
        "0, LOW_TOUCH",
        "4999, LOW_TOUCH",
        "5000, MID_TOUCH",
        "49999, MID_TOUCH",
        "50000, HIGH_TOUCH",
        "1000000, HIGH_TOUCH"
    })
    void touchTierByMonthlyRecurringRevenue(long mrr, TouchModel expected) {
        assertThat(TouchModel.of(mrr, RULES)).isEqualTo(expected);
    }

    /** Every recommended action the playbook can give, for one tier. */
    static Stream<String> actionsFor(TouchModel touch) {
        Stream<String> bands = Stream.of(Band.values()).map(band -> Playbook.forBand(band, touch));
        Stream<String> signals = Stream.of(SignalType.values()).map(type -> Playbook.forSignal(type, "signup", touch));
        Stream<String> contractions =
                Stream.of(ContractionType.values()).map(type -> Playbook.forContraction(type, touch));
        Stream<String> nps = Stream.of(NpsGroup.values()).map(group -> Playbook.forNps(group, touch));
        Stream<String> opportunities =
                Stream.of(OpportunityType.values()).map(type -> Playbook.forOpportunity(type, touch));
        return Stream.of(bands, signals, contractions, nps, opportunities).flatMap(s -> s);
    }

    static Stream<Arguments> highTouchActions() {
        return actionsFor(TouchModel.HIGH_TOUCH).map(Arguments::of);
    }

    static Stream<Arguments> lowTouchActions() {
        return actionsFor(TouchModel.LOW_TOUCH).map(Arguments::of);
    }

    static Stream<Arguments> midTouchActions() {
        return actionsFor(TouchModel.MID_TOUCH).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("highTouchActions")
    void highTouchActionsAskForACsmCallOrOneToOneSession(String action) {
        assertThat(action).contains("CSM call or 1:1 session").doesNotContain("automated e-mail");
    }

    @ParameterizedTest
    @MethodSource("lowTouchActions")
    void lowTouchActionsUseAutomatedEmailOrInAppGuidance(String action) {
        assertThat(action)
                .contains("automated e-mail or in-app guidance")
                .doesNotContain("CSM call")
                .doesNotContain("1:1");
    }

    @ParameterizedTest
    @MethodSource("midTouchActions")
    void midTouchActionsUseBothACsmCallAndAutomation(String action) {
        assertThat(action).contains("CSM call").contains("automated e-mail").contains("in-app guidance");
    }

    @ParameterizedTest
    @EnumSource(TouchModel.class)
    @DisplayName("a detractor gets the high-priority call within 24 h in every tier; the tier only adds automation")
    void detractorGetsTheCallWhateverTheTier(TouchModel touch) {
        assertThat(Playbook.forNps(NpsGroup.DETRACTOR, touch))
                .startsWith("High-priority call within 24 hours to address the problem and prevent churn");
        assertThat(Playbook.forSignal(SignalType.NPS_DETRACTOR, null, touch))
                .isEqualTo(Playbook.forNps(NpsGroup.DETRACTOR, touch));
    }

    @ParameterizedTest
    @EnumSource(Band.class)
    void bandActionsDifferByTier(Band band) {
        assertThat(Playbook.forBand(band, TouchModel.LOW_TOUCH))
                .isNotEqualTo(Playbook.forBand(band, TouchModel.MID_TOUCH))
                .isNotEqualTo(Playbook.forBand(band, TouchModel.HIGH_TOUCH));
    }

    @Test
    @DisplayName("an account paying 500.00/month is high-touch and its health action asks for a 1:1 session")
    void assessmentCarriesTheAccountsTier() {
        AccountTimeline account = AccountTimeline.withDefaults();

        HealthAssessment assessment = AccountTimeline.healthUpdate(
                        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                                .mrr(0, 50_000)
                                .at(T0)
                                .build()))
                .assessment();

        assertThat(assessment.touch()).isEqualTo(TouchModel.HIGH_TOUCH);
        assertThat(assessment.recommendedAction())
                .isEqualTo("Close the account's known knowledge gaps, by a CSM call or 1:1 session");
    }

    @Test
    void lowTouchAccountIsGuidedAutomatically() {
        AccountTimeline account = AccountTimeline.withDefaults();

        HealthAssessment assessment = AccountTimeline.healthUpdate(
                        account.apply(subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                                .mrr(0, 4_999)
                                .at(T0)
                                .build()))
                .assessment();

        assertThat(assessment.touch()).isEqualTo(TouchModel.LOW_TOUCH);
        assertThat(assessment.recommendedAction()).endsWith("by automated e-mail or in-app guidance");
    }
}
