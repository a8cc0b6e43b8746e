package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses configuration durations such as {@code 500ms}, {@code 30s}, {@code 1m}, {@code 1h}, {@code 2d}. */
final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    static Duration parse(String key, String text) {
        Matcher matcher = FORMAT.matcher(text.trim());
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
}
