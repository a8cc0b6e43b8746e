package io.healthstream.metrics;

import io.healthstream.scoring.kpi.PortfolioFigures;
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
    static final String CHURNED_MRR = "healthstream.portfolio.churned.mrr";
    static final String CHURNED_ACCOUNTS = "healthstream.portfolio.churned.accounts";
    private static final Map<String, ToDoubleFunction<PortfolioFigures>> MOVEMENTS = Map.of(
            "start", figures -> figures.start().mrr(),
            "new", PortfolioFigures::mrrNew,
            "expansion", PortfolioFigures::mrrExpansion,
            "contraction", PortfolioFigures::mrrContraction,
            "churned", PortfolioFigures::mrrChurned,
            "reactivation", PortfolioFigures::mrrReactivation,
            "end", figures -> figures.end().mrr());

    private final MeterRegistry registry;
    private final Map<String, PortfolioFigures> latestByCurrency = new ConcurrentHashMap<>();

    OpenPeriodKpis(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Keeps {@code kpis} if it is an open period at least as recent as the one shown for its currency. */
    void published(PortfolioFigures kpis) {
        if (kpis.isFinal()) {
            return;
        }
        PortfolioFigures previous = latestByCurrency.merge(
                kpis.currency(),
                kpis,
                (shown, candidate) ->
                        candidate.period().start().isBefore(shown.period().start()) ? shown : candidate);
        if (previous == kpis && !registeredFor(kpis.currency())) {
            register(kpis.currency());
        }
    }

    private boolean registeredFor(String currency) {
        return registry.find(NRR).tag("currency", currency).gauge() != null;
    }

    private void register(String currency) {
        MOVEMENTS.forEach((movement, value) ->
                gauge(MRR, currency, value, "movement", movement, "MRR movements of the open KPI period, minor units"));
        gauge(
                NRR,
                currency,
                kpis -> orNaN(kpis.nrrPct()),
                null,
                null,
                "Net revenue retention of the open KPI period, %");
        gauge(
                CHURNED_MRR,
                currency,
                PortfolioFigures::mrrChurnedVoluntary,
                "cause",
                "voluntary",
                "MRR churned in the open KPI period by cause: voluntary (cancelled) or involuntary (past due too long)");
        gauge(
                CHURNED_MRR,
                currency,
                kpis -> kpis.revenue().mrrChurnedInvoluntary(),
                "cause",
                "involuntary",
                "MRR churned in the open KPI period by cause: voluntary (cancelled) or involuntary (past due too long)");
        gauge(
                CHURNED_ACCOUNTS,
                currency,
                PortfolioFigures::accountsChurnedVoluntary,
                "cause",
                "voluntary",
                "Accounts churned in the open KPI period by cause");
        gauge(
                CHURNED_ACCOUNTS,
                currency,
                kpis -> kpis.revenue().accountsChurnedInvoluntary(),
                "cause",
                "involuntary",
                "Accounts churned in the open KPI period by cause");
        gauge(
                CHURN_RATE,
                currency,
                kpis -> orNaN(kpis.churnRatePct()),
                null,
                null,
                "Customer churn rate of the open KPI period, %");
    }

    private void gauge(
            String name,
            String currency,
            ToDoubleFunction<PortfolioFigures> value,
            String tag,
            String tagValue,
            String description) {
        Gauge.Builder<Map<String, PortfolioFigures>> builder = Gauge.builder(
                        name, latestByCurrency, latest -> value.applyAsDouble(latest.get(currency)))
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
