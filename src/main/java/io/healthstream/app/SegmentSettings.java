package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Segment;
import io.healthstream.scoring.SegmentMatch;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.TouchModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the segments: {@code segments.order} lists them, {@code segments.<name>.match.*} says which accounts
 * each takes, {@code segments.<name>.model.<key>} overrides any model key for it. Each segment's model is the
 * base configuration with its overrides, read and checked like the base model, so a broken one names the
 * segment's key.
 */
final class SegmentSettings {
    static final String PREFIX = "segments.";
    static final String ORDER = PREFIX + "order";
    static final String PLAN = PREFIX + "<name>.match.plan";
    static final String TOUCH = PREFIX + "<name>.match.touch";
    static final String ATTRIBUTE = PREFIX + "<name>.match.attribute";
    static final String MODEL = PREFIX + "<name>.model.<key>";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String MODEL_PART = ".model.";

    private SegmentSettings() {}

    /** The segment a key of one names ({@code segments.enterprise.match.plan} gives {@code enterprise}). */
    static Optional<String> segmentOf(String key) {
        if (!key.startsWith(PREFIX) || key.equals(ORDER)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot <= 0 ? Optional.empty() : Optional.of(rest.substring(0, dot));
    }

    /** The model key a segment's override names: {@code segments.a.model.model.weights.usage} gives {@code model.weights.usage}. */
    static String overriddenKey(String key) {
        int at = key.indexOf(MODEL_PART, PREFIX.length());
        return !key.startsWith(PREFIX) || at < 0 ? "" : key.substring(at + MODEL_PART.length());
    }

    static String modelKey(String segment, String key) {
        return PREFIX + segment + MODEL_PART + key;
    }

    /** The segments of {@code values} (defaults and configuration merged) over {@code base}, in match order. */
    static Segments read(Map<String, String> values, ModelConfig base) {
        ConfigValues read = new ConfigValues(values);
        List<String> order = read.list(ORDER);
        Set<String> named = new HashSet<>();
        for (String name : order) {
            if (!NAME.matcher(name).matches() || name.equals(Segments.DEFAULT) || !named.add(name)) {
                throw new InvalidSettingException(
                        ORDER,
                        "'" + name + "' is not a segment name: use letters, digits, - and _, each name once,"
                                + " and not '" + Segments.DEFAULT + "' (the segment of accounts none matches)");
            }
        }
        new TreeMap<>(values)
                .keySet()
                .forEach(key -> segmentOf(key).ifPresent(name -> {
                    if (!named.contains(name)) {
                        throw new InvalidSettingException(key, "segment '" + name + "' is not listed in " + ORDER);
                    }
                }));
        return new Segments(
                base, order.stream().map(name -> segment(name, read, values)).toList());
    }

    private static Segment segment(String name, ConfigValues read, Map<String, String> values) {
        SegmentMatch match = new SegmentMatch(
                Set.copyOf(read.list(key(PLAN, name))),
                touches(name, read),
                Set.copyOf(read.list(key(ATTRIBUTE, name))));
        if (!match.hasRules()) {
            throw new InvalidSettingException(
                    key(PLAN, name),
                    "segment '" + name + "' needs at least one rule: match.plan, match.touch or match.attribute");
        }
        return new Segment(name, match, model(name, values));
    }

    private static Set<TouchModel> touches(String name, ConfigValues read) {
        String key = key(TOUCH, name);
        return read.list(key).stream()
                .map(tier -> {
                    try {
                        return TouchModel.valueOf(tier.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidSettingException(
                                key, "'" + tier + "' is not a touch tier: use " + Arrays.toString(TouchModel.values()));
                    }
                })
                .collect(Collectors.toSet());
    }

    /** The base configuration with the segment's overrides, read as the base model is; errors name the override. */
    private static ModelConfig model(String name, Map<String, String> values) {
        String prefix = PREFIX + name + MODEL_PART;
        Map<String, String> merged = new TreeMap<>(values);
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                merged.put(key.substring(prefix.length()), value);
            }
        });
        try {
            return ModelSettings.read(new ConfigValues(merged));
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(modelKey(name, e.key()), e.problem());
        }
    }

    private static String key(String family, String name) {
        return family.replace("<name>", name);
    }
}
