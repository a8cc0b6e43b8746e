package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.KpiStrategy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code kpis.*} keys and validates them like the model's: an unknown key or a bad value
 * stops the start with one line naming the key.
 */
final class KpiConfigParser {
    static final String NAMESPACE = "kpis.";
    static final String PERIOD = "kpis.period";
    static final String GRACE = "kpis.grace";
    static final String EMIT_INTERVAL = "kpis.emit.interval";
    static final String GROSS_MARGIN = "kpis.gross-margin";
    static final String CAC = "kpis.cac";
    static final String STRATEGY = "kpis.strategy";
    static final List<String> KEYS = List.of(PERIOD, GRACE, EMIT_INTERVAL, GROSS_MARGIN, CAC, STRATEGY);

    private static final Map<String, String> DEFAULTS = Map.of(
            PERIOD, "month",
            GRACE, "2d",
            EMIT_INTERVAL, "1m",
            STRATEGY, "STABILITY");

    private KpiConfigParser() {
    }

    static KpiConfig parse(Map<String, String> settings, List<String> onboardingSteps) {
        settings.keySet().stream().filter(key -> key.startsWith(NAMESPACE) && !KEYS.contains(key)).sorted().findFirst()
                .ifPresent(key -> {
                    throw new InvalidSettingException(key, "unknown key (known: " + String.join(", ", KEYS) + ")");
                });
        return new KpiConfig(
                oneOf(PERIOD, KpiPeriod.class, value(settings, PERIOD)),
                Durations.parse(GRACE, value(settings, GRACE)),
                Durations.parse(EMIT_INTERVAL, value(settings, EMIT_INTERVAL)),
                grossMargin(settings.get(GROSS_MARGIN)),
                cac(settings.get(CAC)),
                oneOf(STRATEGY, KpiStrategy.class, value(settings, STRATEGY)),
                onboardingSteps);
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null ? DEFAULTS.get(key) : value.trim();
    }

    private static <E extends Enum<E>> E oneOf(String key, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + text + "'");
        }
    }

    private static Double grossMargin(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        double margin;
        try {
            margin = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(GROSS_MARGIN, "not a number: '" + text + "'");
        }
        if (!(margin >= 0 && margin <= 1)) {
            throw new InvalidSettingException(GROSS_MARGIN, "is a fraction, 0 to 1, got " + text.trim());
        }
        return margin;
    }

    private static Long cac(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        long cac;
        try {
            cac = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(CAC, "not a whole amount in minor units (cents): '" + text + "'");
        }
        if (cac <= 0) {
            throw new InvalidSettingException(CAC, "must be greater than 0, got " + cac);
        }
        return cac;
    }
}
