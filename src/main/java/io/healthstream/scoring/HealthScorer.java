package io.healthstream.scoring;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Score = w_usage x U + w_billing x B + w_support x S + w_nps x N, banded, explained and actioned. */
public final class HealthScorer {
    /** How many drivers a score carries: enough to explain it, few enough to read. */
    static final int MAX_DRIVERS = 5;

    private final ModelConfig config;

    /**
     * Weights times values in decimal arithmetic: in binary floating point 0.3 x 100 is
     * 30.000000000000004, which would put a score of exactly 70 in GREEN instead of YELLOW.
     */
    private static BigDecimal weighted(double weight, double value) {
        return BigDecimal.valueOf(weight).multiply(BigDecimal.valueOf(value));
    }

    public HealthScorer(ModelConfig config) {
        this.config = config;
    }

    public HealthAssessment assess(AccountState state, Instant now) {
        ComponentScore usage = UsageScore.compute(state, now, config);
        ComponentScore billing = BillingScore.compute(state, now, config);
        ComponentScore support = SupportScore.compute(state, config);
        ComponentScore nps = NpsScore.compute(state, now, config);
        ModelConfig.Weights w = config.weights();
        double exact = weighted(w.usage(), usage.value())
                .add(weighted(w.billing(), billing.value()))
                .add(weighted(w.support(), support.value()))
                .add(weighted(w.nps(), nps.value()))
                .doubleValue();
        Band band = Band.of(exact, config.bands());
        TouchModel touch = TouchModel.of(state.mrr, config.touch());
        List<Driver> drivers = Stream.of(usage, billing, support, nps)
                .flatMap(component -> component.drivers().stream())
                .sorted(Comparator.comparingDouble((Driver d) -> Math.abs(d.points())).reversed())
                .limit(MAX_DRIVERS)
                .map(d -> new Driver(d.component(), d.message(), Points.round2(d.points())))
                .toList();
        Components components = new Components(Points.round2(usage.value()), Points.round2(billing.value()),
                Points.round2(support.value()), Points.round2(nps.value()));
        return new HealthAssessment(exact, Points.round2(exact), band, components, drivers, touch,
                Playbook.forBand(band, touch));
    }
}
