package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthstream.app.Settings;
import io.healthstream.backtest.AccountVerdict;
import io.healthstream.backtest.Backtest;
import io.healthstream.backtest.BacktestRules;
import io.healthstream.backtest.Counts;
import io.healthstream.backtest.ExportHistory;
import io.healthstream.backtest.Figures;
import io.healthstream.backtest.FlagRule;
import io.healthstream.backtest.Quartiles;
import io.healthstream.backtest.Verdict;
import io.healthstream.scoring.TouchModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest over a hand-made export (src/test/resources/backtest/hand-made.jsonl), replayed with the
 * default model and a 30-day horizon, every figure worked out by hand.
 *
 * <p>Without usage events, tickets or NPS answers an account scores 0.4 x 0 + 0.3 x billing + 0.2 x 100 +
 * 0.1 x 70 = 27 + 0.3 x billing: active (100) 57 YELLOW, past due (20) 33 RED, cancelled (0) 27 RED. The
 * export ends with acc-tn's renewal on 30 June, so a flag is judged when it is at most 30 days earlier: on or
 * before 31 May.
 *
 * <ul>
 *   <li>acc-tp (60,000 a month, HIGH_TOUCH): payment fails 1 March (33, enters RED), cancels 11 March. Churn
 *       11 March; window [9 Feb, 11 Mar) holds the 1 March flag: true positive, lead 10 days.
 *   <li>acc-fn (20,000, MID): a normal ticket 5 January (support 90: 55), cancels 1 April (25, enters RED on
 *       the churn itself, which is not before it): false negative.
 *   <li>acc-early (20,000, MID): payment fails 10 January (RED), paid 12 January (57), cancels 20 March. The
 *       January flag is before the window [18 Feb, 20 Mar): false negative.
 *   <li>acc-fp (20,000, MID): payment fails 1 February (RED), paid 5 February; never churns; 1 Feb + 30 days
 *       = 3 March, before the end: a judged flag, false positive.
 *   <li>acc-nyj (3,000, LOW): payment fails 20 June (RED); 20 June + 30 days is after the end: not yet judged.
 *   <li>acc-tn (20,000, MID): never flagged: true negative.
 *   <li>acc-winback (20,000, MID): 100 logins 1 April (usage 100: 97), cancels 10 April (67, YELLOW: no RED
 *       entry, but a CRITICAL CANCELLED signal), reactivates paid 20 April, within the horizon: not churned.
 *       With --flag RED a true negative; with --flag CRITICAL the 10 April flag is judged: false positive.
 * </ul>
 */
class BacktestHandMadeTest {
    private static final Path EXPORT = Path.of("src/test/resources/backtest/hand-made.jsonl");
    private static final Duration HORIZON = Duration.ofDays(30);

    @TempDir
    static Path work;

    private static ExportHistory history;

    @BeforeAll
    static void replay() throws IOException {
        Settings settings = Settings.defaults();
        history =
                new BacktestReplay(settings.topology(), settings.streamsProperties(), line -> {}).run(EXPORT, work, 2);
    }

    private static Figures figures(FlagRule flag) {
        return Backtest.evaluate(history, new BacktestRules(HORIZON, flag));
    }

    private static Map<String, Verdict> verdicts(Figures figures) {
        return figures.verdicts().stream()
                .collect(Collectors.toMap(AccountVerdict::accountId, AccountVerdict::verdict));
    }

    @Test
    @DisplayName("the export ends at its last event, acc-tn's renewal")
    void lastEventTime() {
        assertThat(history.lastEventTime()).isEqualTo(Instant.parse("2026-06-30T00:00:00Z"));
        assertThat(history.accounts()).hasSize(7);
    }

    @Test
    @DisplayName("--flag RED: one verdict per account as worked out by hand")
    void redVerdicts() {
        assertThat(verdicts(figures(FlagRule.RED)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "acc-tp", Verdict.TRUE_POSITIVE,
                        "acc-fn", Verdict.FALSE_NEGATIVE,
                        "acc-early", Verdict.FALSE_NEGATIVE,
                        "acc-fp", Verdict.FALSE_POSITIVE,
                        "acc-nyj", Verdict.NOT_YET_JUDGED,
                        "acc-tn", Verdict.TRUE_NEGATIVE,
                        "acc-winback", Verdict.TRUE_NEGATIVE));
    }

    @Test
    @DisplayName(
            "--flag RED: precision 1/2, recall 1/3, false alarms 1/4, lead time 10 days, MRR 60,000 caught and 40,000 missed")
    void redFigures() {
        Figures red = figures(FlagRule.RED);
        Counts counts = red.counts();
        assertThat(counts).isEqualTo(new Counts(1, 1, 2, 2, 1));
        // TP / (TP + FP) = 1 / (1 + 1)
        assertThat(counts.precision().getAsDouble()).isEqualTo(0.5);
        // TP / (TP + FN) = 1 / (1 + 2)
        assertThat(counts.recall().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
        // FP / not churned = 1 / (acc-fp, acc-nyj, acc-tn, acc-winback)
        assertThat(counts.falseAlarmRate().getAsDouble()).isEqualTo(0.25);
        // One lead time: 11 March - 1 March = 10 days, so every quartile is 10.
        assertThat(red.leadTimeDays()).contains(new Quartiles(10, 10, 10));
        // acc-tp's 60,000 caught; acc-fn's and acc-early's 20,000 each missed.
        assertThat(red.mrrCaught()).isEqualTo(Map.of("USD", 60_000L));
        assertThat(red.mrrMissed()).isEqualTo(Map.of("USD", 40_000L));
    }

    @Test
    @DisplayName("AUC 30 days before churn: 8 of 12 pairs, 0.75 in MID_TOUCH, none in HIGH_TOUCH or LOW_TOUCH")
    void auc() {
        Figures red = figures(FlagRule.RED);
        // acc-tp on 9 Feb: 57 against acc-fp, acc-nyj, acc-tn, acc-winback, all 57: four ties, 2.
        // acc-fn on 2 Mar: 55 against the same four at 57: four wins, 4.
        // acc-early on 18 Feb: 57 against four 57s: four ties, 2.  (2 + 4 + 2) / 12 pairs.
        assertThat(red.auc().value().getAsDouble()).isCloseTo(8.0 / 12, within(1e-12));
        assertThat(red.auc().pairs()).isEqualTo(12);
        assertThat(red.auc().churned()).isEqualTo(3);
        assertThat(red.auc().churnedUnscored()).isZero();
        // MID_TOUCH only: acc-fn beats acc-fp, acc-tn, acc-winback (3), acc-early ties them (1.5): 4.5 / 6.
        assertThat(red.byTier().get(TouchModel.MID_TOUCH).auc().value().getAsDouble())
                .isEqualTo(0.75);
        // acc-tp is the only HIGH_TOUCH account, acc-nyj the only LOW_TOUCH one: no pair.
        assertThat(red.byTier().get(TouchModel.HIGH_TOUCH).auc().value()).isEmpty();
        assertThat(red.byTier().get(TouchModel.LOW_TOUCH).auc().value()).isEmpty();
    }

    @Test
    @DisplayName("per touch tier: HIGH 1 TP; MID 2 FN, 1 FP, 2 TN; LOW 1 not yet judged")
    void byTier() {
        Figures red = figures(FlagRule.RED);
        assertThat(red.byTier().get(TouchModel.HIGH_TOUCH).counts()).isEqualTo(new Counts(1, 0, 0, 0, 0));
        assertThat(red.byTier().get(TouchModel.MID_TOUCH).counts()).isEqualTo(new Counts(0, 1, 2, 2, 0));
        assertThat(red.byTier().get(TouchModel.LOW_TOUCH).counts()).isEqualTo(new Counts(0, 0, 0, 0, 1));
    }

    @Test
    @DisplayName("per segment: without segments every account is in default, with the figures of the whole export")
    void bySegmentWithoutSegments() {
        Figures red = figures(FlagRule.RED);
        assertThat(red.bySegment()).containsOnlyKeys("default");
        assertThat(red.bySegment().get("default").counts()).isEqualTo(red.counts());
        assertThat(red.bySegment().get("default").auc()).isEqualTo(red.auc());
    }

    @Test
    @DisplayName("per segment: segments by touch tier, the base model unchanged, give the per-tier figures by name")
    void bySegmentFollowsAccountHealthSegment() throws IOException {
        Settings settings = Settings.of(Map.of(
                "segments.order", "high,mid",
                "segments.high.match.touch", "HIGH_TOUCH",
                "segments.mid.match.touch", "MID_TOUCH"));
        ExportHistory segmented = new BacktestReplay(settings.topology(), settings.streamsProperties(), line -> {})
                .run(EXPORT, work.resolve("segmented"), 2);

        Figures red = Backtest.evaluate(segmented, new BacktestRules(HORIZON, FlagRule.RED));

        assertThat(red.bySegment()).containsOnlyKeys("high", "mid", "default");
        assertThat(red.bySegment().get("high").counts()).isEqualTo(new Counts(1, 0, 0, 0, 0));
        assertThat(red.bySegment().get("mid").counts()).isEqualTo(new Counts(0, 1, 2, 2, 0));
        assertThat(red.bySegment().get("default").counts()).isEqualTo(new Counts(0, 0, 0, 0, 1));
        assertThat(red.bySegment().get("mid").auc().value().getAsDouble()).isEqualTo(0.75);
        assertThat(red.verdicts())
                .filteredOn(v -> v.accountId().equals("acc-tp"))
                .singleElement()
                .satisfies(v -> assertThat(v.segment()).isEqualTo("high"));
    }

    @Test
    @DisplayName("--flag CRITICAL: acc-winback's CANCELLED signal is a false alarm; precision 1/3, false alarms 2/4")
    void criticalFigures() {
        Figures critical = figures(FlagRule.CRITICAL);
        assertThat(verdicts(critical)).containsEntry("acc-winback", Verdict.FALSE_POSITIVE);
        // acc-tp's RED_BAND_ENTERED on 1 March still catches it; the CANCELLED signals on the churn days
        // of acc-fn and acc-early are not before their churn.
        assertThat(critical.counts()).isEqualTo(new Counts(1, 2, 2, 1, 1));
        assertThat(critical.counts().precision().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(critical.counts().recall().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(critical.counts().falseAlarmRate().getAsDouble()).isEqualTo(0.5);
        assertThat(critical.leadTimeDays()).contains(new Quartiles(10, 10, 10));
    }

    @Test
    @DisplayName("a 20-day horizon: acc-winback's reactivation is still within it, so it did not churn")
    void reactivationWithinTheHorizonIsNoChurn() {
        Figures shorter = Backtest.evaluate(history, new BacktestRules(Duration.ofDays(20), FlagRule.RED));
        assertThat(verdicts(shorter)).containsEntry("acc-winback", Verdict.TRUE_NEGATIVE);
        Figures tooShort = Backtest.evaluate(history, new BacktestRules(Duration.ofDays(9), FlagRule.RED));
        // Reactivated 10 days after cancelling: with a 9-day horizon that cancellation is churn, on 10 April.
        AccountVerdict winback = tooShort.verdicts().stream()
                .filter(v -> v.accountId().equals("acc-winback"))
                .findFirst()
                .orElseThrow();
        assertThat(winback.churn().orElseThrow().at()).isEqualTo(Instant.parse("2026-04-10T00:00:00Z"));
        // acc-tp's flag 10 days before its churn is outside a 9-day window.
        assertThat(verdicts(tooShort)).containsEntry("acc-tp", Verdict.FALSE_NEGATIVE);
    }
}
