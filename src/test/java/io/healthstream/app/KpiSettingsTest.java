package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.KpiStrategy;
import io.healthstream.scoring.kpi.RetentionCosts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KpiSettingsTest {
    private static final List<String> STEPS = List.of("signup", "connect_api");

    private static KpiConfig kpis(Map<String, String> values) {
        Map<String, String> withSteps = new java.util.HashMap<>(values);
        withSteps.put("onboarding.steps", String.join(",", STEPS));
        return Settings.of(withSteps).topology().kpis();
    }

    @Test
    void defaultsAreMonthlyWithTwoDaysGraceOneMinuteEmitAndStability() {
        KpiConfig config = kpis(Map.of());

        assertThat(config)
                .isEqualTo(new KpiConfig(
                        KpiPeriod.MONTH,
                        Duration.ofDays(2),
                        Duration.ofMinutes(1),
                        null,
                        null,
                        KpiStrategy.STABILITY,
                        STEPS,
                        Duration.ofDays(30),
                        RetentionCosts.NONE));
    }

    @Test
    void everyKeyIsRead() {
        KpiConfig config = kpis(Map.of(
                "kpis.period",
                "quarter",
                "kpis.grace",
                "6h",
                "kpis.emit.interval",
                "30s",
                "kpis.gross-margin",
                "0.8",
                "kpis.cac",
                "150000",
                "kpis.strategy",
                "pmf",
                "billing.past-due.churn-after-days",
                "45",
                "kpis.crc.low-touch",
                "500",
                "kpis.crc.high-touch",
                "20000"));

        assertThat(config)
                .isEqualTo(new KpiConfig(
                        KpiPeriod.QUARTER,
                        Duration.ofHours(6),
                        Duration.ofSeconds(30),
                        0.8,
                        150_000L,
                        KpiStrategy.PMF,
                        STEPS,
                        Duration.ofDays(45),
                        new RetentionCosts(500L, null, 20_000L)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "kpis.period|year|invalid setting 'kpis.period': must be one of [month, week, quarter], got 'year'",
                "kpis.grace|two days|invalid setting 'kpis.grace': not a duration: 'two days' (use e.g. 500ms, 30s, 1m, 1h, 2d)",
                "kpis.emit.interval|0s|invalid setting 'kpis.emit.interval': must be longer than 0",
                "kpis.gross-margin|80|invalid setting 'kpis.gross-margin': is a fraction, 0 to 1, got 80",
                "kpis.gross-margin|high|invalid setting 'kpis.gross-margin': not a number: 'high'",
                "kpis.cac|0|invalid setting 'kpis.cac': must be greater than 0, got 0",
                "kpis.cac|12.50|invalid setting 'kpis.cac': not a whole amount in minor units (cents): '12.50'",
                "kpis.strategy|growth|invalid setting 'kpis.strategy': must be one of [stability, pmf, profitability], got 'growth'",
                "kpis.grase|2d|invalid setting 'kpis.grase': unknown key; did you mean kpis.grace?",
                "billing.past-due.churn-after-days|0|invalid setting 'billing.past-due.churn-after-days': must be a whole number of days from 1 to 90, got '0'",
                "billing.past-due.churn-after-days|91|invalid setting 'billing.past-due.churn-after-days': must be a whole number of days from 1 to 90, got '91'",
                "billing.past-due.churn-after-days|30d|invalid setting 'billing.past-due.churn-after-days': must be a whole number of days from 1 to 90, got '30d'",
                "kpis.crc.mid-touch|-100|invalid setting 'kpis.crc.mid-touch': must be greater than 0, got -100",
                "kpis.crc.high-touch|150.5|invalid setting 'kpis.crc.high-touch': not a whole amount in minor units (cents) per account and month: '150.5'"
            })
    void badValueIsOneLineNamingTheKey(String key, String value, String message) {
        assertThatThrownBy(() -> kpis(Map.of(key, value)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(message)
                .hasMessageNotContaining("\n");
    }

    @Test
    void settingsValidateKpiKeysAtStart() {
        assertThatThrownBy(() -> Settings.of(Map.of("kpis.period", "year")))
                .isInstanceOf(InvalidSettingException.class)
                .extracting(e -> ((InvalidSettingException) e).key())
                .isEqualTo("kpis.period");
    }

    @Test
    void environmentVariableSetsADashedKpiKey() {
        Settings settings = Settings.load(null, Map.of("HEALTHSTREAM_KPIS_GROSS_MARGIN", "0.75"));

        assertThat(settings.topology().kpis().grossMargin()).isEqualTo(0.75);
    }
}
