package io.healthstream.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthstream.scoring.Band;
import io.healthstream.scoring.Components;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.TouchModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fit over four accounts scored by the default model (0.4 usage, 0.3 billing, 0.2 support, 0.1 NPS, RED
 * at 40), a 30-day horizon and an export of 200 days:
 *
 * <ul>
 *   <li>a churns on day 100; on day 80 usage 20, billing 20, support 60: 8 + 6 + 12 + 7 = 33, RED: caught;
 *   <li>b churns on day 100; on day 80 usage 10 alone falls: 4 + 30 + 20 + 7 = 61, YELLOW: missed;
 *   <li>c stays; on day 50 support 0: 40 + 30 + 0 + 7 = 77;
 *   <li>d stays at usage 60: 24 + 30 + 20 + 7 = 81.
 * </ul>
 *
 * The model: precision 1/1, recall 1/2. Usage alone with RED at 20 catches a (20) and b (10) and never flags c
 * (100) or d (60): recall 1 at precision 1, the best there is.
 */
class WeightFitTest {
    private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ModelConfig.Weights DEFAULT = ModelConfig.defaults().weights();
    private static final ModelConfig.Bands BANDS = ModelConfig.defaults().bands();
    private static final Components HEALTHY = new Components(100, 100, 100, 70);
    private static final BacktestRules RULES = new BacktestRules(Duration.ofDays(30), FlagRule.RED);

    private static ScorePoint point(int day, Components components) {
        return new ScorePoint(day(day), 0, Band.GREEN, TouchModel.MID_TOUCH, components, "default")
                .rescored(DEFAULT, BANDS);
    }

    private static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }

    private static AccountHistory account(String id, Integer churnDay, ScorePoint... points) {
        List<BillingMove> moves = churnDay == null
                ? List.of()
                : List.of(new BillingMove(day(churnDay), BillingMove.Kind.CANCELLED, 10_000, 0, "EUR"));
        return new AccountHistory(id, List.of(points), List.of(), moves);
    }

    private static final ExportHistory EXPORT = new ExportHistory(
            List.of(
                    account("a", 100, point(0, HEALTHY), point(80, new Components(20, 20, 60, 70))),
                    account("b", 100, point(0, HEALTHY), point(80, new Components(10, 100, 100, 70))),
                    account("c", null, point(0, HEALTHY), point(50, new Components(100, 100, 0, 70))),
                    account("d", null, point(0, new Components(60, 100, 100, 70)))),
            day(200));

    @Test
    @DisplayName("the default model catches a and misses b: precision 1, recall 1/2")
    void theModelAsItIs() {
        Counts counts = Backtest.evaluate(EXPORT, RULES).counts();
        assertThat(counts).isEqualTo(new Counts(1, 0, 1, 2, 0));
    }

    @Test
    @DisplayName(
            "the fit finds weights that catch both at precision 1, and re-scores the current model to its own figures")
    void fitCatchesBoth() {
        WeightFit.Result fit = new WeightFit(EXPORT, RULES, BANDS).search(DEFAULT);
        assertThat(fit.currentCounts())
                .isEqualTo(Backtest.evaluate(EXPORT, RULES).counts());
        assertThat(fit.bestFigures().counts()).isEqualTo(new Counts(2, 0, 0, 2, 0));
        ModelConfig.Weights best = fit.best().weights();
        for (double weight : new double[] {best.usage(), best.billing(), best.support(), best.nps()}) {
            assertThat(weight * 20).isCloseTo(Math.rint(weight * 20), within(1e-9));
        }
        assertThat(best.usage() + best.billing() + best.support() + best.nps()).isCloseTo(1.0, within(1e-9));
        // C(23, 3) = 1,771 weight vectors on the 0.05 grid, times the thresholds 1 to 69.
        assertThat(fit.candidates()).isEqualTo(1_771L * 69);
    }

    @Test
    @DisplayName("thresholds: a score enters RED under t when it is at most t and the one before was above t")
    void enteringRedUnderACandidateThreshold() {
        ExportHistory rescored = new WeightFit(EXPORT, RULES, BANDS)
                .rescored(new WeightFit.Candidate(new ModelConfig.Weights(1, 0, 0, 0), 20));
        // Usage alone: a goes from 100 to 20 (at most 20: RED), b from 100 to 10; c and d never.
        assertThat(FlagRule.RED.flags(rescored.accounts().get(0))).containsExactly(day(80));
        assertThat(FlagRule.RED.flags(rescored.accounts().get(1))).containsExactly(day(80));
        assertThat(FlagRule.RED.flags(rescored.accounts().get(2))).isEmpty();
        assertThat(FlagRule.RED.flags(rescored.accounts().get(3))).isEmpty();
    }
}
