package io.healthstream.app;

import io.healthstream.api.ApiSettings;
import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.topology.InputLimits;
import io.healthstream.topology.TopologySettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Every key healthstream reads, in one table: name, type, default and meaning. A key that is not in
 * it, not a Kafka key ({@code kafka.*}, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}) and
 * not retired is a mistake, reported with the nearest known key. Defaults come from the typed defaults
 * of the package that owns each value (the model's, the KPIs', the input limits', the registry's), so
 * no default is written twice.
 */
final class ConfigKeys {
    /** Kafka client and Streams keys pass through: these prefixes, and {@code kafka.} stripped. */
    static final String KAFKA_PREFIX = "kafka.";

    static final List<String> PLAIN_KAFKA_PREFIXES = List.of("security.protocol", "sasl.", "ssl.");

    /** Keys of earlier releases, with what to do instead. */
    private static final Map<String, String> RETIRED = Map.of(
            "dedup.retention.days",
            "is no longer used: event ids "
                    + "are remembered as long as the model's windows reach back (README, \"Duplicates, late and skewed "
                    + "events\"); remove it");

    private static final List<ConfigKey> ALL = table();
    /** The model's keys: the last section of the table, from {@code model.name} on. */
    private static final List<ConfigKey> MODEL_KEYS = ALL.subList(
            ALL.indexOf(ALL.stream()
                    .filter(key -> key.name().equals(ModelVersion.NAME_KEY))
                    .findFirst()
                    .orElseThrow()),
            ALL.size());

    private ConfigKeys() {}

    /** Every key, in the order the README lists them. */
    static List<ConfigKey> all() {
        return ALL;
    }

    /** The key {@code name}, or else the family it belongs to ({@code usage.impact.default} is a key of its own). */
    static Optional<ConfigKey> find(String name) {
        return ALL.stream()
                .filter(key -> key.name().equals(name))
                .findFirst()
                .or(() -> ALL.stream()
                        .filter(key -> key.matches(name))
                        .filter(key -> !key.name().equals(SegmentSettings.MODEL)
                                || isOverridable(SegmentSettings.overriddenKey(name)))
                        .findFirst());
    }

    /** Whether a segment may override {@code name}: a model key other than the model's name and the segments. */
    static boolean isOverridable(String name) {
        return isModelKey(name) && !name.equals(ModelVersion.NAME_KEY) && !name.startsWith(SegmentSettings.PREFIX);
    }

    static boolean isKafkaKey(String name) {
        return name.startsWith(KAFKA_PREFIX) || PLAIN_KAFKA_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The defaults of every key that has one; families have none. */
    static Map<String, String> defaults() {
        return ALL.stream()
                .filter(key -> key.defaultValue() != null && !key.isFamily())
                .collect(Collectors.toMap(ConfigKey::name, ConfigKey::defaultValue));
    }

    /**
     * Fails on the first key, in name order, that healthstream does not know: one line naming it and the
     * nearest known key.
     */
    static void requireKnown(Set<String> names) {
        names.stream().sorted().forEach(name -> {
            if (RETIRED.containsKey(name)) {
                throw new InvalidSettingException(name, RETIRED.get(name));
            }
            if (SegmentSettings.overriddenKey(name).equals(ModelVersion.NAME_KEY)) {
                throw new InvalidSettingException(
                        name, "a segment cannot rename the model: model.name and model_version name the whole model");
            }
            if (!isKafkaKey(name) && find(name).isEmpty()) {
                throw new InvalidSettingException(name, "unknown key; did you mean " + nearest(name) + "?");
            }
        });
    }

    /** The known key (or family) closest to {@code name} by edit distance; a segment's keys by that segment's. */
    static String nearest(String name) {
        if (SegmentSettings.segmentOf(name).isPresent()) {
            return segmentKeysOf(SegmentSettings.segmentOf(name).get()).stream()
                    .min(Comparator.comparingInt(candidate -> EditDistance.between(name, candidate)))
                    .orElseThrow();
        }
        return ALL.stream()
                .min(Comparator.comparingInt((ConfigKey key) ->
                        EditDistance.between(name, key.isFamily() && key.matches(name) ? name : key.name())))
                .orElseThrow()
                .name();
    }

    /** Every key segment {@code segment} may have, model families by their name. */
    private static List<String> segmentKeysOf(String segment) {
        List<String> names = new ArrayList<>();
        for (ConfigKey key : ALL) {
            if (key.name().startsWith(SegmentSettings.PREFIX + "<")
                    && !key.name().equals(SegmentSettings.MODEL)) {
                names.add(key.name().replace("<name>", segment));
            } else if (isOverridable(key.name())) {
                names.add(SegmentSettings.modelKey(segment, key.name()));
            }
        }
        return names;
    }

    /** The table as Markdown, as the README shows it. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey key : ALL) {
            table.append("| `")
                    .append(key.name())
                    .append("` | ")
                    .append(key.type().description())
                    .append(" | ")
                    .append(key.defaultValue() == null ? "none" : "`" + key.defaultValue() + "`")
                    .append(" | ")
                    .append(key.doc())
                    .append(" |\n");
        }
        return table.toString();
    }

    private static List<ConfigKey> table() {
        List<ConfigKey> keys = new ArrayList<>();
        keys.add(new ConfigKey(
                "application.id",
                ConfigKey.Type.TEXT,
                "healthstream",
                "Kafka Streams application id: names the consumer group, internal topics and changelogs"));
        keys.add(new ConfigKey("bootstrap.servers", ConfigKey.Type.TEXT, "localhost:9092", "the Kafka brokers"));
        keys.add(
                new ConfigKey(
                        StaticMembership.KEY,
                        ConfigKey.Type.BOOLEAN,
                        "false",
                        "static group membership: kafka.group.instance.id from POD_NAME or HOSTNAME unless set (see Reliability)"));
        keys.add(
                new ConfigKey(
                        LogFormat.KEY,
                        ConfigKey.Type.CHOICE,
                        LogFormat.TEXT,
                        "log lines as text, or json (one ECS JSON object per line); HEALTHSTREAM_LOG_FORMAT=json covers the first lines too"));
        registryKeys(keys);
        keys.add(
                new ConfigKey(
                        Settings.REGISTRY_STARTUP_TIMEOUT,
                        ConfigKey.Type.DURATION,
                        "5m",
                        "how long a start waits for the schema registry to answer, retrying with back-off, before it gives up"));
        keys.add(new ConfigKey(
                ApiSettings.BIND,
                ConfigKey.Type.TEXT,
                "127.0.0.1",
                "address the HTTP endpoint listens on; any but a loopback address needs http.auth.token"));
        keys.add(new ConfigKey(
                ApiSettings.PORT,
                ConfigKey.Type.WHOLE_NUMBER,
                "8080",
                "port of the HTTP endpoint, 0-65535 (0 picks a free one)"));
        keys.add(new ConfigKey(
                ApiSettings.AUTH_TOKEN,
                ConfigKey.Type.SECRET,
                null,
                "bearer token every endpoint but /health/* asks for; at least 16 characters"));
        keys.add(new ConfigKey(
                ApiSettings.WRITE_TOKEN,
                ConfigKey.Type.SECRET,
                null,
                "bearer token with the write scope (CSM overrides; reads too); none: writes are refused; at least 16"
                        + " characters, not the read token"));
        IngestConfig.addKeys(keys);
        InputLimits limits = InputLimits.DEFAULTS;
        keys.add(new ConfigKey(
                Settings.OVERRIDES_MAX_DAYS,
                ConfigKey.Type.WHOLE_NUMBER,
                Long.toString(limits.maxOverride().toDays()),
                "longest a CSM override may last, in days (1-" + Settings.MAX_OVERRIDE_DAYS + "); POST"
                        + " /accounts/{id}/override defaults to 30 days or this, if shorter"));
        keys.add(new ConfigKey(
                "health.punctuate.interval",
                ConfigKey.Type.DURATION,
                duration(TopologySettings.DEFAULT_PUNCTUATE_INTERVAL),
                "how often stream time is checked for accounts due a time-based re-evaluation"));
        keys.add(new ConfigKey(
                "state.account-cache.size",
                ConfigKey.Type.WHOLE_NUMBER,
                Integer.toString(TopologySettings.DEFAULT_ACCOUNT_CACHE_SIZE),
                "accounts each task keeps decoded in memory beside its store, the most recently used; 0 keeps none"));
        keys.add(new ConfigKey(
                Settings.HISTORY_RETENTION_DAYS,
                ConfigKey.Type.WHOLE_NUMBER,
                Integer.toString(TopologySettings.DEFAULT_HISTORY_RETENTION_DAYS),
                "days of score history (and signals, alerts, follow-ups, opportunities) kept per account, 1-"
                        + Settings.MAX_HISTORY_RETENTION_DAYS
                        + "; GET /accounts/{id}/history reads it"));
        keys.add(new ConfigKey(
                "input.partitions",
                ConfigKey.Type.WHOLE_NUMBER,
                "1",
                "partitions of the input topics: the KPI ledger waits for every one before closing a period"));
        keys.add(new ConfigKey(
                "input.max-future-skew",
                ConfigKey.Type.DURATION,
                duration(limits.maxFutureSkew()),
                "how far an occurred_at may run ahead of the wall clock before the event is dead-lettered"));
        keys.add(new ConfigKey(
                "input.max-id-length",
                ConfigKey.Type.WHOLE_NUMBER,
                Integer.toString(limits.maxIdLength()),
                "longest id an event may carry"));
        keys.add(new ConfigKey(
                "input.max-text-length",
                ConfigKey.Type.WHOLE_NUMBER,
                Integer.toString(limits.maxTextLength()),
                "free text in outputs is cut at this length"));
        keys.add(new ConfigKey(
                "input.allowed-lateness",
                ConfigKey.Type.DURATION,
                duration(limits.allowedLateness()),
                "how late an event may arrive and still count before a silent account's re-evaluation"));
        keys.add(new ConfigKey(
                Settings.ROCKSDB_MEMORY_MB,
                ConfigKey.Type.WHOLE_NUMBER,
                "256",
                "native memory, in MiB, that all RocksDB state stores of the instance share: block cache, index and"
                        + " filter blocks, and at most half of it memtables (16 or more)"));
        topicKeys(keys);
        kpiKeys(keys);
        modelKeys(keys);
        segmentKeys(keys);
        return List.copyOf(keys);
    }

    private static void registryKeys(List<ConfigKey> keys) {
        Map<String, ConfigDef.ConfigKey> registry =
                SchemaRegistryConfig.definition().configKeys();
        registry.forEach((name, key) -> {
            ConfigKey.Type type = switch (key.type) {
                case PASSWORD -> ConfigKey.Type.SECRET;
                case BOOLEAN -> ConfigKey.Type.BOOLEAN;
                case INT -> ConfigKey.Type.WHOLE_NUMBER;
                case LONG -> name.endsWith(".ms") ? ConfigKey.Type.MILLIS : ConfigKey.Type.WHOLE_NUMBER;
                default -> ConfigKey.Type.TEXT;
            };
            Object value = name.equals(SchemaRegistryConfig.URL)
                    ? "http://localhost:8081"
                    : key.defaultValue == ConfigDef.NO_DEFAULT_VALUE ? null : key.defaultValue;
            keys.add(new ConfigKey(
                    name,
                    type,
                    value == null ? null : value.toString(),
                    lowerFirst(key.documentation.replaceAll("\\.$", ""))));
        });
    }

    private static void topicKeys(List<ConfigKey> keys) {
        keys.add(new ConfigKey(
                TopicRetention.INPUT_DAYS,
                ConfigKey.Type.RETENTION_DAYS,
                null,
                "how long topics create makes input topics keep records; at least, and by default, the longest"
                        + " input horizon plus input.allowed-lateness, in whole days ("
                        + TopicRetention.minimumInput(TopologySettings.of(ModelConfig.defaults(), ""))
                                .toDays()
                        + " with the default model)"));
        keys.add(new ConfigKey(
                TopicRetention.OUTPUT_DAYS,
                ConfigKey.Type.RETENTION_DAYS,
                null,
                "how long output topics and saas-kpis keep records; by default as long as the input topics"));
        keys.add(new ConfigKey(
                TopicRetention.OUTPUT_BYTES,
                ConfigKey.Type.WHOLE_NUMBER,
                null,
                "size limit of each output partition, in bytes; none by default"));
        keys.add(new ConfigKey(
                TopicRetention.DEAD_LETTER_DAYS,
                ConfigKey.Type.DAYS,
                Long.toString(TopicRetention.DEFAULT_DEAD_LETTERS.toDays()),
                "how long healthstream-dlq keeps dead letters"));
    }

    private static void kpiKeys(List<ConfigKey> keys) {
        KpiConfig kpis = KpiConfig.defaults(List.of());
        keys.add(new ConfigKey(
                "kpis.period",
                ConfigKey.Type.CHOICE,
                kpis.period().name().toLowerCase(Locale.ROOT),
                "period of the KPIs: month, week or quarter (UTC)"));
        keys.add(new ConfigKey(
                "kpis.grace",
                ConfigKey.Type.DURATION,
                duration(kpis.grace()),
                "how long after its end a period still takes late events"));
        keys.add(new ConfigKey(
                "kpis.emit.interval",
                ConfigKey.Type.DURATION,
                duration(kpis.emitInterval()),
                "how long changes to an open period coalesce, in event time"));
        keys.add(new ConfigKey("kpis.gross-margin", ConfigKey.Type.NUMBER, null, "0-1, multiplies LTV"));
        keys.add(new ConfigKey(
                "kpis.cac", ConfigKey.Type.WHOLE_NUMBER, null, "customer acquisition cost, minor units, for LTV:CAC"));
        keys.add(new ConfigKey(
                "kpis.strategy",
                ConfigKey.Type.CHOICE,
                kpis.strategy().name(),
                "which KPIs the business reads first: STABILITY, PMF or PROFITABILITY"));
        days(
                keys,
                Settings.PAST_DUE_CHURN_AFTER,
                kpis.pastDueChurnAfter(),
                "an account past due this long (1-90 days) counts as churned, reason DELINQUENT (involuntary)");
        for (String tier : List.of("low", "mid", "high")) {
            keys.add(new ConfigKey(
                    "kpis.crc." + tier + "-touch",
                    ConfigKey.Type.WHOLE_NUMBER,
                    null,
                    "retention cost of one " + tier.toUpperCase(Locale.ROOT)
                            + "_TOUCH account per month, minor units, for LTV:CRC"));
        }
    }

    private static void modelKeys(List<ConfigKey> keys) {
        ModelConfig m = ModelConfig.defaults();
        keys.add(new ConfigKey(
                ModelVersion.NAME_KEY,
                ConfigKey.Type.TEXT,
                "chs-1",
                "human name of the model, the first part of model_version"));
        model(
                keys,
                "model.weights.usage",
                m.weights().usage(),
                "weight of the usage component; the four weights sum to 1");
        model(keys, "model.weights.billing", m.weights().billing(), "weight of the billing component");
        model(keys, "model.weights.support", m.weights().support(), "weight of the support component");
        model(keys, "model.weights.nps", m.weights().nps(), "weight of the NPS component");
        model(keys, "model.bands.red.max", m.bands().redMax(), "highest score that is RED");
        model(keys, "model.bands.yellow.max", m.bands().yellowMax(), "highest score that is YELLOW");
        model(keys, "model.bands.green.max", m.bands().greenMax(), "highest score that is GREEN; above is THRIVING");
        days(keys, "usage.window.days", m.usage().window(), "trailing window of usage events");
        keys.add(new ConfigKey(
                "usage.impact.<action>", ConfigKey.Type.NUMBER, null, "impact of one event of that action"));
        model(keys, "usage.impact.default", m.usage().defaultImpact(), "impact of an action not listed");
        keys.add(new ConfigKey(
                "usage.expected.plan.<plan>",
                ConfigKey.Type.NUMBER,
                null,
                "usage value expected in the window for that plan, greater than 0"));
        model(keys, "usage.expected.default", m.usage().defaultExpected(), "expected usage value of a plan not listed");
        model(keys, "usage.score.cap", m.usage().scoreCap(), "highest usage component");
        model(keys, "billing.score.active", m.billing().active(), "billing component while active");
        model(keys, "billing.score.trial", m.billing().trial(), "billing component during a trial");
        model(
                keys,
                "billing.score.past-due",
                m.billing().pastDue(),
                "billing component after a failed payment, until paid");
        model(keys, "billing.score.cancelled", m.billing().cancelled(), "billing component once cancelled");
        model(
                keys,
                "billing.contraction.penalty",
                m.billing().contractionPenalty(),
                "billing points lost per contraction in the usage window");
        model(keys, "support.penalty.low", m.support().low(), "support points lost per open low-priority ticket");
        model(
                keys,
                "support.penalty.normal",
                m.support().normal(),
                "support points lost per open normal-priority ticket");
        model(keys, "support.penalty.high", m.support().high(), "support points lost per open high-priority ticket");
        model(keys, "support.penalty.urgent", m.support().urgent(), "support points lost per open urgent ticket");
        model(
                keys,
                "support.penalty.escalated",
                m.support().escalated(),
                "extra support points lost per escalated ticket");
        days(keys, "nps.window.days", m.nps().window(), "window of NPS answers");
        model(keys, "nps.no-data.score", m.nps().noDataScore(), "NPS component without answers");
        model(keys, "touch.low.max-mrr", m.touch().lowMaxMrr(), "below this MRR (minor units) an account is LOW_TOUCH");
        model(
                keys,
                "touch.high.min-mrr",
                m.touch().highMinMrr(),
                "from this MRR (minor units) an account is HIGH_TOUCH");
        model(
                keys,
                "signals.usage-drop.percent",
                m.signals().usageDropPercent(),
                "USAGE_DROP when the last week's usage fell by this percentage");
        days(keys, "signals.inactivity.days", m.signals().inactivity(), "INACTIVE after this many days without usage");
        days(
                keys,
                "signals.onboarding-stalled.days",
                m.signals().onboardingStalled(),
                "ONBOARDING_STALLED after this many days without a new step");
        keys.add(new ConfigKey(
                "onboarding.steps",
                ConfigKey.Type.LIST,
                String.join(",", m.onboardingSteps()),
                "the onboarding steps, in order"));
        model(
                keys,
                "health.emit.min-delta",
                m.emitMinDelta(),
                "a score is published when it moves by at least this much, or changes band");
    }

    private static void segmentKeys(List<ConfigKey> keys) {
        keys.add(new ConfigKey(
                SegmentSettings.ORDER,
                ConfigKey.Type.LIST,
                null,
                "the segments, in the order an account is matched against them: the first it matches scores it,"
                        + " else the model above does (segment default)"));
        keys.add(new ConfigKey(
                SegmentSettings.PLAN, ConfigKey.Type.LIST, null, "plans the segment takes (exact names)"));
        keys.add(new ConfigKey(
                SegmentSettings.TOUCH,
                ConfigKey.Type.LIST,
                null,
                "touch tiers the segment takes: LOW_TOUCH, MID_TOUCH, HIGH_TOUCH, by the thresholds above"));
        keys.add(new ConfigKey(
                SegmentSettings.ATTRIBUTE,
                ConfigKey.Type.LIST,
                null,
                "values of the subscription events' segment field the segment takes"));
        keys.add(new ConfigKey(
                SegmentSettings.MODEL,
                ConfigKey.Type.TEXT,
                null,
                "any model key above but model.name, overriding it for the segment; read as that key"));
    }

    private static void model(List<ConfigKey> keys, String name, double defaultValue, String doc) {
        keys.add(new ConfigKey(
                name,
                ConfigKey.Type.NUMBER,
                BigDecimal.valueOf(defaultValue).stripTrailingZeros().toPlainString(),
                doc));
    }

    private static void days(List<ConfigKey> keys, String name, Duration defaultValue, String doc) {
        keys.add(new ConfigKey(name, ConfigKey.Type.DAYS, Long.toString(defaultValue.toDays()), doc));
    }

    /** Whether {@code name} is a key of the customer-health model (part of {@code model_version}). */
    static boolean isModelKey(String name) {
        return MODEL_KEYS.stream().anyMatch(key -> key.matches(name));
    }

    /** A duration the way the configuration writes it: the largest unit that divides it. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % Duration.ofDays(1).toMillis() == 0) {
            return duration.toDays() + "d";
        }
        if (millis % Duration.ofHours(1).toMillis() == 0) {
            return duration.toHours() + "h";
        }
        if (millis % Duration.ofMinutes(1).toMillis() == 0) {
            return duration.toMinutes() + "m";
        }
        return millis % 1000 == 0 ? duration.toSeconds() + "s" : millis + "ms";
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
