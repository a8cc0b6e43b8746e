package io.healthstream.app;

import io.healthstream.api.ApiSettings;
import io.healthstream.ingest.IngestSettings;
import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.Segments;
import io.healthstream.scoring.kpi.KpiConfig;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.KpiStrategy;
import io.healthstream.scoring.kpi.RetentionCosts;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.serde.UrlUserInfo;
import io.healthstream.topology.BoundedRocksDbMemory;
import io.healthstream.topology.InputLimits;
import io.healthstream.topology.Topics;
import io.healthstream.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * healthstream's configuration, validated once: a properties file overridden by environment variables
 * ({@code HEALTHSTREAM_} + the key upper-cased, dots and dashes as underscores), read against the one
 * table of keys ({@link ConfigKeys}). An unknown key or a bad value stops the start with one line naming
 * the key. Hands each package its typed settings: the model, the topology's, the API's, the registry's.
 */
public final class Settings {
    static final long DEFAULT_MAX_TASK_IDLE_MS = 0L;
    static final String REGISTRY_STARTUP_TIMEOUT = "schema.registry.startup.timeout";
    static final String PAST_DUE_CHURN_AFTER = "billing.past-due.churn-after-days";
    /** ChartMogul's range for how long an account may be past due before it counts as churned. */
    private static final int MAX_PAST_DUE_DAYS = 90;

    static final String HISTORY_RETENTION_DAYS = "history.retention.days";
    /** Ten years: beyond any renewal look-back; the changelog holds every point that long. */
    static final int MAX_HISTORY_RETENTION_DAYS = 3650;

    static final String ROCKSDB_MEMORY_MB = "rocksdb.memory.mb";
    /** Below this a store's memtables flush after every few records; above it no machine has the memory. */
    private static final int MIN_ROCKSDB_MEMORY_MB = 16;

    private static final int MAX_ROCKSDB_MEMORY_MB = 1_048_576;
    private static final long MIB = 1024L * 1024;

    static final String OVERRIDES_MAX_DAYS = "overrides.max-days";
    /** A year: an override is a CSM's judgement for now, not a standing rule of the model. */
    static final int MAX_OVERRIDE_DAYS = 365;

    private static final String[] SECRET_MARKERS = {
        "password", "secret", "token", "sasl.jaas.config", "user.info", "key"
    };

    private final Map<String, String> values;
    private final ModelConfig model;
    private final String modelVersion;
    private final TopologySettings topology;
    private final ApiSettings api;
    private final IngestSettings ingest;
    private final SchemaRegistryConfig registry;
    private final TopicRetention retention;
    private final Duration registryStartupTimeout;
    private final LogFormat.Format logFormat;
    private final int rocksDbMemoryMb;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
        ConfigValues read = new ConfigValues(this.values);
        this.model = ModelSettings.read(read);
        this.modelVersion = ModelVersion.of(values);
        this.topology = topology(read, SegmentSettings.read(this.values, model), modelVersion);
        this.api = new ApiSettings(
                read.required(ApiSettings.BIND),
                read.wholeNumber(ApiSettings.PORT, 0, 65_535, "a port number (0-65535)"),
                read.text(ApiSettings.AUTH_TOKEN),
                read.text(ApiSettings.WRITE_TOKEN));
        this.ingest = IngestConfig.read(read, this.values);
        this.registry = registry(this.values);
        this.retention = TopicRetention.read(read, topology);
        this.registryStartupTimeout = read.duration(REGISTRY_STARTUP_TIMEOUT);
        StaticMembership.requireInstanceId(read, this.values);
        this.logFormat = read.oneOf(LogFormat.KEY, LogFormat.Format.class);
        this.rocksDbMemoryMb = read.wholeNumber(
                ROCKSDB_MEMORY_MB,
                MIN_ROCKSDB_MEMORY_MB,
                MAX_ROCKSDB_MEMORY_MB,
                "a whole number of MiB, " + MIN_ROCKSDB_MEMORY_MB + " to " + MAX_ROCKSDB_MEMORY_MB);
    }

    /** Defaults only, for tools and tests. */
    public static Settings defaults() {
        return of(Map.of());
    }

    /**
     * The defaults overridden by {@code overrides}.
     *
     * @throws InvalidSettingException naming the first key that is unknown or has a bad value
     */
    public static Settings of(Map<String, String> overrides) {
        ConfigKeys.requireKnown(overrides.keySet());
        Map<String, String> merged = new TreeMap<>(ConfigKeys.defaults());
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /**
     * Reads {@code file} (may be null) and applies {@code environment} overrides.
     *
     * @throws InvalidSettingException for a missing file or a bad value, naming the key or file
     */
    public static Settings load(Path file, Map<String, String> environment) {
        Settings settings = of(StaticMembership.withInstanceId(ConfigSources.read(file, environment), environment));
        LogFormat.apply(settings.logFormat);
        return settings;
    }

    private static TopologySettings topology(ConfigValues read, Segments segments, String modelVersion) {
        ModelConfig model = segments.base();
        String atLeastOne = "a whole number, at least 1";
        InputLimits limits = new InputLimits(
                read.duration("input.max-future-skew"),
                read.wholeNumber("input.max-id-length", 1, Integer.MAX_VALUE, atLeastOne),
                read.wholeNumber("input.max-text-length", 1, Integer.MAX_VALUE, atLeastOne),
                read.duration("input.allowed-lateness"),
                Duration.ofDays(read.wholeNumber(
                        OVERRIDES_MAX_DAYS,
                        1,
                        MAX_OVERRIDE_DAYS,
                        "a whole number of days from 1 to " + MAX_OVERRIDE_DAYS)));
        KpiConfig kpis = new KpiConfig(
                read.oneOf("kpis.period", KpiPeriod.class),
                read.duration("kpis.grace"),
                read.duration("kpis.emit.interval"),
                read.fraction("kpis.gross-margin").orElse(null),
                read.positiveAmount("kpis.cac", "minor units (cents)").orElse(null),
                read.oneOf("kpis.strategy", KpiStrategy.class),
                model.onboardingSteps(),
                Duration.ofDays(read.wholeNumber(
                        PAST_DUE_CHURN_AFTER, 1, MAX_PAST_DUE_DAYS, "a whole number of days from 1 to 90")),
                new RetentionCosts(
                        crc(read, "kpis.crc.low-touch"),
                        crc(read, "kpis.crc.mid-touch"),
                        crc(read, "kpis.crc.high-touch")));
        return new TopologySettings(
                segments,
                modelVersion,
                read.duration("health.punctuate.interval"),
                kpis,
                read.wholeNumber("input.partitions", 1, Integer.MAX_VALUE, atLeastOne),
                limits,
                read.wholeNumber("state.account-cache.size", 0, Integer.MAX_VALUE, "a whole number, at least 0"),
                Duration.ofDays(read.wholeNumber(
                        HISTORY_RETENTION_DAYS,
                        1,
                        MAX_HISTORY_RETENTION_DAYS,
                        "a whole number of days from 1 to " + MAX_HISTORY_RETENTION_DAYS)),
                read.required("application.id"));
    }

    private static Long crc(ConfigValues read, String key) {
        return read.positiveAmount(key, "minor units (cents) per account and month")
                .orElse(null);
    }

    private static SchemaRegistryConfig registry(Map<String, String> values) {
        try {
            return SchemaRegistryConfig.from(values);
        } catch (ConfigException e) {
            String key = SchemaRegistryConfig.definition().names().stream()
                    .filter(e.getMessage()::contains)
                    .findFirst()
                    .orElse(SchemaRegistryConfig.URL);
            throw new InvalidSettingException(key, e.getMessage());
        }
    }

    public ModelConfig model() {
        return model;
    }

    public String applicationId() {
        return values.get("application.id");
    }

    public String bootstrapServers() {
        return values.get("bootstrap.servers");
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** What the topology needs: the model, its version, the KPI settings, the input's limits and partitions. */
    public TopologySettings topology() {
        return topology;
    }

    /** The HTTP endpoint's settings: {@code http.port}, {@code http.bind}, the optional {@code http.auth.token}. */
    public ApiSettings api() {
        return api;
    }

    /** The ingest endpoint's settings: whether it runs, where, its token, limits, Stripe's and Segment's. */
    public IngestSettings ingest() {
        return ingest;
    }

    /** Where the schema registry is and how to talk to it. */
    public SchemaRegistryConfig registry() {
        return registry;
    }

    /** How long a start waits for the schema registry to answer. */
    public Duration registryStartupTimeout() {
        return registryStartupTimeout;
    }

    /** How long {@code topics create} makes each topic keep its records. */
    TopicRetention topicRetention() {
        return retention;
    }

    /** Names the model and a digest of its settings, so a score says which configuration produced it. */
    public String modelVersion() {
        return modelVersion;
    }

    /**
     * Settings every Kafka client of the app shares (admin, producer, consumer): bootstrap servers, the
     * plain security keys ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) and every
     * {@code kafka.}-prefixed key with the prefix stripped, but {@code group.instance.id}, which only the stream
     * threads take (see {@link #streamsProperties()}).
     */
    public Properties kafkaClientProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        values.forEach((key, value) -> {
            if (ConfigKeys.PLAIN_KAFKA_PREFIXES.stream().anyMatch(key::startsWith)) {
                props.put(key, value);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith(ConfigKeys.KAFKA_PREFIX) && !key.equals(StaticMembership.INSTANCE_ID_KEY)) {
                props.put(key.substring(ConfigKeys.KAFKA_PREFIX.length()), value);
            }
        });
        return props;
    }

    /**
     * Kafka Streams configuration: safe defaults (exactly-once, the dead-letter topic with its three
     * exception handlers, explicit naming), then the user's Kafka keys.
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.InvalidRecordHandler.class.getName());
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.UndeserializableRecordHandler.class.getName());
        props.put(
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.UnsendableRecordHandler.class.getName());
        // Refuses records the producer or broker would refuse before they poison an exactly-once transaction.
        props.put(
                StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG,
                io.healthstream.topology.GuardedClientSupplier.class.getName());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // No global stores today; enabling it now keeps the behaviour when Kafka 5 makes it the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams' partition assignor rebuilds a StreamsConfig from the main consumer's settings only
        // and would warn on every start that the flag is off; the main.consumer. prefix hands it over too.
        props.put(
                StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
        // Five input topics feed one task. 0 waits for a partition whose records are on the broker but not
        // fetched yet, so a catch-up merges the topics in event-time order, and never for records not yet
        // produced, which would hold every live event back (README, Latency: it was most of the p99).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, DEFAULT_MAX_TASK_IDLE_MS);
        // Every store's RocksDB shares one budget; kafka.rocksdb.config.setter replaces it with the user's own.
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
        props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, rocksDbMemoryMb * MIB);
        props.putAll(kafkaClientProperties());
        // Only the stream threads' consumers are group members; the app's other clients must not claim the id.
        Optional.ofNullable(values.get(StaticMembership.INSTANCE_ID_KEY))
                .ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        return props;
    }

    /** Everything, with secrets masked, for the one log line at start. */
    public String redacted() {
        return new TreeMap<>(values)
                .entrySet().stream()
                        .map(e -> e.getKey() + "="
                                + (isSecret(e.getKey()) ? UrlUserInfo.HIDDEN : UrlUserInfo.redact(e.getValue())))
                        .collect(Collectors.joining(", "));
    }

    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** The effective values, defaults included, for deriving other settings from these. */
    public Map<String, String> values() {
        return values;
    }
}
