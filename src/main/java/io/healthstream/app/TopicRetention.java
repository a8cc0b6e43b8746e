package io.healthstream.app;

import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.intake.EventHorizons;
import io.healthstream.topology.Topics;
import io.healthstream.topology.TopologySettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How long {@code topics create} makes each topic keep its records. The broker deletes by record
 * timestamp, and events and outputs are stamped with event time, so a topic that keeps less than the
 * model reaches back loses events before they are read. Empty durations mean forever.
 *
 * @param input       input topics: at least {@link #minimumInput}
 * @param output      output topics and {@code saas-kpis}
 * @param outputBytes size limit per output partition, if any
 * @param deadLetters the dead-letter topic, whose records are stamped when written
 */
record TopicRetention(
        Optional<Duration> input, Optional<Duration> output, Optional<Long> outputBytes, Duration deadLetters) {
    static final String INPUT_DAYS = "topics.input.retention.days";
    static final String OUTPUT_DAYS = "topics.output.retention.days";
    static final String OUTPUT_BYTES = "topics.output.retention.bytes";
    static final String DEAD_LETTER_DAYS = "topics.dlq.retention.days";
    static final String FOREVER = "forever";
    static final Duration DEFAULT_DEAD_LETTERS = Duration.ofDays(30);

    /**
     * The longest input horizon plus {@code input.allowed-lateness}, rounded up to whole days: an event
     * can still change a score or a KPI that long after the newest event of its account.
     */
    static Duration minimumInput(TopologySettings topology) {
        // health-overrides is compacted, not kept by time: its horizon asks nothing of the retention.
        Duration longest = new EventHorizons(topology.segments(), topology.kpis())
                .all().entrySet().stream()
                        .filter(horizon -> horizon.getKey() != EventSource.OVERRIDE)
                        .map(Map.Entry::getValue)
                        .max(Duration::compareTo)
                        .orElseThrow();
        Duration needed = longest.plus(topology.limits().allowedLateness());
        long days = (needed.toMillis() + Duration.ofDays(1).toMillis() - 1)
                / Duration.ofDays(1).toMillis();
        return Duration.ofDays(days);
    }

    /** Reads the four keys; the input's retention may not be shorter than {@link #minimumInput}. */
    static TopicRetention read(ConfigValues read, TopologySettings topology) {
        Duration minimum = minimumInput(topology);
        Optional<Duration> input = days(read, INPUT_DAYS, Optional.of(minimum));
        if (input.isPresent() && input.get().compareTo(minimum) < 0) {
            throw new InvalidSettingException(
                    INPUT_DAYS,
                    "must be at least " + minimum.toDays() + " (the longest input horizon plus input.allowed-lateness),"
                            + " or forever, got " + input.get().toDays()
                            + ": the broker would delete events the model still needs");
        }
        return new TopicRetention(
                input,
                days(read, OUTPUT_DAYS, input),
                read.positiveAmount(OUTPUT_BYTES, "bytes"),
                read.days(DEAD_LETTER_DAYS));
    }

    /** The topic configuration {@code topics create} gives {@code topic}. */
    Map<String, String> configsFor(String topic) {
        Map<String, String> configs = new HashMap<>();
        if (topic.equals(Topics.HEALTH_OVERRIDES)) {
            // The latest command per account is what state needs; older ones live on in account-health.
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        } else if (Topics.INPUTS.contains(topic)) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, millis(input));
        } else if (topic.equals(Topics.DEAD_LETTER)) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, millis(Optional.of(deadLetters)));
        } else {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, millis(output));
            outputBytes.ifPresent(bytes -> configs.put(TopicConfig.RETENTION_BYTES_CONFIG, Long.toString(bytes)));
        }
        return configs;
    }

    /** How long {@code topic} keeps its records, for the command's output. */
    String describe(String topic) {
        String time = configsFor(topic).get(TopicConfig.RETENTION_MS_CONFIG);
        if (time == null) {
            return "compacted: the latest record per account";
        }
        String bytes = configsFor(topic).get(TopicConfig.RETENTION_BYTES_CONFIG);
        String kept = time.equals("-1")
                ? "forever"
                : Duration.ofMillis(Long.parseLong(time)).toDays() + " days";
        return bytes == null ? kept : kept + " or " + bytes + " bytes per partition";
    }

    /** {@code forever} is empty; an unset key takes {@code fallback}. */
    private static Optional<Duration> days(ConfigValues read, String key, Optional<Duration> fallback) {
        Optional<String> text = read.text(key);
        if (text.isEmpty()) {
            return fallback;
        }
        return text.get().equalsIgnoreCase(FOREVER) ? Optional.empty() : Optional.of(read.days(key));
    }

    private static String millis(Optional<Duration> retention) {
        return retention.map(d -> Long.toString(d.toMillis())).orElse("-1");
    }
}
