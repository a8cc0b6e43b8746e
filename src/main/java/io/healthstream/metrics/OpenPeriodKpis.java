package io.healthstream.metrics;

import io.healthstream.avro.PortfolioKpis;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of the open (not yet final) KPI period per currency: MRR movements, NRR and churn rate, as
 * last published to saas-kpis. Only the instance running the KPI task publishes them; a ratio that
 * is undefined (no paying accounts at period start) reads NaN, as the record's null does.
 */
final class OpenPeriodKpis {
    static final String MRR = "healthstream.portfolio.mrr";
    static final String NRR = "healthstream.portfolio.nrr.percent";
    static final String CHURN_RATE = "healthstream.portfolio.churn.rate.percent";
    private static final String ALL_TIME = "all-time";

    private static final Map<String, ToDoubleFunction<PortfolioKpis>> MOVEMENTS = Map.of(
            "start", PortfolioKpis::getMrrStart,
            "new", PortfolioKpis::getMrrNew,
            "expansion", PortfolioKpis::getMrrExpansion,
            "contraction", PortfolioKpis::getMrrContraction,
            "churned", PortfolioKpis::getMrrChurned,
            "reactivation", PortfolioKpis::getMrrReactivation,
            "end", PortfolioKpis::getMrrEnd);

    private final MeterRegistry registry;
    private final Map<String, PortfolioKpis> latestByCurrency = new ConcurrentHashMap<>();

    OpenPeriodKpis(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Keeps {@code kpis} if it is an open period at least as recent as the one shown for its currency. */
    void published(PortfolioKpis kpis) {
        if (kpis.getFinal$() || ALL_TIME.equals(kpis.getPeriod())) {
            return;
        }
        PortfolioKpis previous = latestByCurrency.merge(kpis.getCurrency(), kpis,
                (shown, candidate) -> candidate.getPeriodStart().isBefore(shown.getPeriodStart()) ? shown : candidate);
        if (previous == kpis && !registeredFor(kpis.getCurrency())) {
            register(kpis.getCurrency());
        }
    }

    private boolean registeredFor(String currency) {
        return registry.find(NRR).tag("currency", currency).gauge() != null;
    }

    private void register(String currency) {
        MOVEMENTS.forEach((movement, value) -> gauge(MRR, currency, value, "movement", movement,
                "MRR movements of the open KPI period, minor units"));
        gauge(NRR, currency, kpis -> orNaN(kpis.getNrrPct()), null, null, "Net revenue retention of the open KPI period, %");
        gauge(CHURN_RATE, currency, kpis -> orNaN(kpis.getChurnRatePct()), null, null,
                "Customer churn rate of the open KPI period, %");
    }

    private void gauge(String name, String currency, ToDoubleFunction<PortfolioKpis> value, String tag, String tagValue,
                       String description) {
        Gauge.Builder<Map<String, PortfolioKpis>> builder = Gauge.builder(name, latestByCurrency,
                        latest -> value.applyAsDouble(latest.get(currency)))
                .description(description)
                .tag("currency", currency)
                .strongReference(true);
        if (tag != null) {
            builder.tag(tag, tagValue);
        }
        builder.register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }
}
