package io.healthstream.scoring;

import io.healthstream.benchmarks.TypicalAccount;
import io.healthstream.scoring.intake.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring core on the generator's typical account (see {@link TypicalAccount}): one assessment, the usage
 * window it starts from, and the intake of the account's last event. In this package for the usage window,
 * which is package-private. Run as README "Performance" says; never part of the test run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
    private TypicalAccount account;
    private HealthScorer scorer;
    private ModelConfig model;
    private AccountState state;
    private List<AccountState.UsageEntry> usage;
    private Instant now;
    private AccountEvent last;

    @Setup
    public void setUp() {
        account = TypicalAccount.build();
        model = account.model();
        scorer = new HealthScorer(model);
        state = account.memory().health();
        usage = state.usage();
        now = account.end().plus(Duration.ofHours(1));
        last = account.applied().get(account.applied().size() - 1);
    }

    @Benchmark
    public HealthAssessment assessment() {
        return scorer.assess(state, now);
    }

    @Benchmark
    public UsageValues usageWindow() {
        return UsageValues.of(usage, now, model.usage());
    }

    @Benchmark
    public Step intakeOfOneEvent() {
        return account.intake().onEvent(account.beforeLast(), last, last.occurredAt(), account.due());
    }
}
