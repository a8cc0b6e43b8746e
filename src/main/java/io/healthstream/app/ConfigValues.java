package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of healthstream's own keys, each kind one way: one duration syntax
 * ({@code 500ms}, {@code 30s}, {@code 1m}, {@code 1h}, {@code 2d}), whole numbers, enums in any case.
 * A bad value is one line naming the key. Asking for a key the {@link ConfigKeys table} does not list is
 * a programming mistake, not a user's.
 */
final class ConfigValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Map<String, String> values;

    /** {@code values}: the table's defaults overridden by what was configured. */
    ConfigValues(Map<String, String> values) {
        this.values = values;
    }

    /** The trimmed text of {@code key}; empty when it has no value or a blank one. */
    Optional<String> text(String key) {
        known(key);
        String value = values.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    String required(String key) {
        return text(key).orElseThrow(() -> new InvalidSettingException(key, "must be set"));
    }

    Duration duration(String key) {
        String text = required(key);
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidSettingException(key, "not a duration: '" + text + "' (use e.g. 500ms, 30s, 1m, 1h, 2d)");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero()) {
            throw new InvalidSettingException(key, "must be longer than 0");
        }
        return duration;
    }

    boolean bool(String key) {
        String text = required(key);
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new InvalidSettingException(key, "must be true or false, got '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    /** A whole number from {@code min} to {@code max}. */
    int wholeNumber(String key, int min, int max, String what) {
        String text = required(key);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new InvalidSettingException(key, "must be " + what + ", got '" + text + "'");
    }

    /** A positive whole amount, or empty when not set. */
    Optional<Long> positiveAmount(String key, String unit) {
        return text(key).map(text -> {
            long amount;
            try {
                amount = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, "not a whole amount in " + unit + ": '" + text + "'");
            }
            if (amount <= 0) {
                throw new InvalidSettingException(key, "must be greater than 0, got " + amount);
            }
            return amount;
        });
    }

    /** A fraction from 0 to 1, or empty when not set. */
    Optional<Double> fraction(String key) {
        return text(key).map(text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, "not a number: '" + text + "'");
            }
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidSettingException(key, "is a fraction, 0 to 1, got " + text);
            }
            return value;
        });
    }

    <E extends Enum<E>> E oneOf(String key, Class<E> type) {
        String text = required(key);
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    key,
                    "must be one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .toList()
                            + ", got '" + text + "'");
        }
    }

    /** A finite number, not negative. */
    double number(String key) {
        return number(key, required(key));
    }

    /** A number greater than 0: one that divides, or the length of a window. */
    double positive(String key) {
        double value = number(key);
        if (value == 0) {
            throw new InvalidSettingException(key, "must be greater than 0");
        }
        return value;
    }

    /** A whole number of days, greater than 0 (the unit is in the key's name). */
    Duration days(String key) {
        double value = positive(key);
        if (value != Math.rint(value)) {
            throw new InvalidSettingException(key, "must be a whole number of days, got " + required(key));
        }
        return Duration.ofDays((long) value);
    }

    /** The items of a comma-separated list, trimmed, empty ones dropped. */
    List<String> list(String key) {
        return Arrays.stream(text(key).orElse("").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * The numbers of a family of keys ({@code usage.impact.<action>}), by the part after the prefix; each
     * greater than 0 when {@code positive}.
     */
    Map<String, Double> family(String family, boolean positive) {
        String prefix = known(family).prefix();
        Map<String, Double> numbers = new TreeMap<>();
        values.forEach((key, text) -> {
            if (key.startsWith(prefix)
                    && key.length() > prefix.length()
                    && ConfigKeys.find(key).orElseThrow().isFamily()) {
                double value = number(key, text.trim());
                if (positive && value == 0) {
                    throw new InvalidSettingException(key, "must be greater than 0");
                }
                numbers.put(key.substring(prefix.length()), value);
            }
        });
        return numbers;
    }

    private static double number(String key, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, "not a number: '" + text + "'");
        }
        if (!Double.isFinite(value)) {
            throw new InvalidSettingException(key, "must be a finite number, got '" + text + "'");
        }
        if (value < 0) {
            throw new InvalidSettingException(key, "must not be negative, got " + text);
        }
        return value;
    }

    private static ConfigKey known(String key) {
        return ConfigKeys.find(key).orElseThrow(() -> new IllegalStateException(key + " is not in the key table"));
    }
}
