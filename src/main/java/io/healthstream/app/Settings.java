package io.healthstream.app;

import io.healthstream.api.ApiSettings;
import io.healthstream.scoring.InvalidSettingException;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.ModelConfigParser;
import io.healthstream.serde.SchemaRegistryConfig;
import io.healthstream.topology.InputLimits;
import io.healthstream.topology.TopologySettings;
import io.healthstream.topology.Topics;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * healthstream's configuration: a properties file overridden by environment variables
 * ({@code HEALTHSTREAM_} + the key upper-cased, dots and dashes as underscores). Validated once at
 * start; a bad value stops the start with one line naming the key.
 */
public final class Settings {
    static final String ENV_PREFIX = "HEALTHSTREAM_";
    /** Kafka client and Streams settings are given with this prefix, which is stripped. */
    static final String KAFKA_PREFIX = "kafka.";
    static final long DEFAULT_MAX_TASK_IDLE_MS = 2_000L;
    /** Well-known Kafka client security keys that also pass through without the prefix. */
    static final List<String> PLAIN_KAFKA_PREFIXES = List.of("security.protocol", "sasl.", "ssl.");

    private static final Map<String, String> APP_DEFAULTS = Map.ofEntries(
            Map.entry("application.id", "healthstream"),
            Map.entry("bootstrap.servers", "localhost:9092"),
            Map.entry("schema.registry.url", "http://localhost:8081"),
            Map.entry("health.punctuate.interval", "1h"),
            Map.entry("input.partitions", "1"),
            Map.entry("input.max-future-skew", "1h"),
            Map.entry("input.max-id-length", "128"),
            Map.entry("input.max-text-length", "1000"),
            Map.entry("input.allowed-lateness", "1h"),
            Map.entry(ApiSettings.PORT, "8080"),
            Map.entry(ApiSettings.BIND, "0.0.0.0"));
    private static final String[] SECRET_MARKERS = {"password", "secret", "token", "sasl.jaas.config", "user.info", "key"};

    private final Map<String, String> values;
    private final ModelConfig model;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
        this.model = ModelConfigParser.parse(values);
        topology(); // validates the app's own keys now rather than at first use
        api();
    }

    /** Defaults only, for tools and tests. */
    public static Settings defaults() {
        return of(Map.of());
    }

    public static Settings of(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(APP_DEFAULTS);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /**
     * Reads {@code file} (may be null) and applies {@code environment} overrides.
     *
     * @throws InvalidSettingException for a missing file or a bad value, naming the key or file
     */
    public static Settings load(Path file, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        values.putAll(fromEnvironment(environment, values));
        return of(values);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("--config", "file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, name -> properties.getProperty(name).trim()));
    }

    /**
     * Maps HEALTHSTREAM_* variables back to keys. Known keys (and keys in the file) match exactly;
     * otherwise the longest known prefix wins and the rest keeps its underscores, so
     * HEALTHSTREAM_USAGE_IMPACT_REPORT_EXPORTED sets usage.impact.report_exported.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment, Map<String, String> fileValues) {
        Map<String, String> known = new TreeMap<>();
        ModelConfigParser.defaults().keySet().forEach(key -> known.put(envName(key), key));
        KpiConfigParser.KEYS.forEach(key -> known.put(envName(key), key));
        APP_DEFAULTS.keySet().forEach(key -> known.put(envName(key), key));
        fileValues.keySet().forEach(key -> known.put(envName(key), key));
        Map<String, String> result = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                result.put(known.getOrDefault(name, keyForUnknownVariable(name)), value);
            }
        });
        return result;
    }

    private static String keyForUnknownVariable(String name) {
        String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        // Action and plan names may contain underscores themselves; Kafka keys never do.
        for (String prefix : new String[] {"usage.impact.", "usage.expected.plan."}) {
            String envPrefix = prefix.replace('.', '_');
            if (rest.startsWith(envPrefix)) {
                return prefix + rest.substring(envPrefix.length());
            }
        }
        return rest.replace('_', '.');
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public ModelConfig model() {
        return model;
    }

    public String get(String key) {
        return values.get(key);
    }

    public String applicationId() {
        return values.get("application.id");
    }

    public String bootstrapServers() {
        return values.get("bootstrap.servers");
    }

    public String schemaRegistryUrl() {
        return values.get("schema.registry.url");
    }

    private int atLeastOne(String key) {
        String text = values.get(key);
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new InvalidSettingException(key, "must be a whole number, at least 1, got '" + text + "'");
    }

    public TopologySettings topology() {
        if (values.containsKey("dedup.retention.days")) {
            throw new InvalidSettingException("dedup.retention.days", "is no longer used: event ids are remembered as "
                    + "long as the model's windows reach back (README, \"Duplicates, late and skewed events\"); remove it");
        }
        values.keySet().stream().filter(key -> key.startsWith("input.") && !APP_DEFAULTS.containsKey(key)).sorted()
                .findFirst().ifPresent(key -> {
                    throw new InvalidSettingException(key, "unknown key (known: input.partitions, input.max-future-skew, "
                            + "input.max-id-length, input.max-text-length, input.allowed-lateness)");
                });
        InputLimits limits = new InputLimits(Durations.parse("input.max-future-skew", values.get("input.max-future-skew")),
                atLeastOne("input.max-id-length"), atLeastOne("input.max-text-length"),
                Durations.parse("input.allowed-lateness", values.get("input.allowed-lateness")));
        return new TopologySettings(model, modelVersion(),
                Durations.parse("health.punctuate.interval", values.get("health.punctuate.interval")),
                KpiConfigParser.parse(values, model.onboardingSteps()), atLeastOne("input.partitions"), limits);
    }

    /** The HTTP endpoint's settings: {@code http.port}, {@code http.bind}, the optional {@code http.auth.token}. */
    public ApiSettings api() {
        String port = values.get(ApiSettings.PORT).trim();
        String token = values.get(ApiSettings.AUTH_TOKEN);
        try {
            return new ApiSettings(values.get(ApiSettings.BIND).trim(), Integer.parseInt(port),
                    token == null || token.isBlank() ? Optional.empty() : Optional.of(token.trim()));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(ApiSettings.PORT, "not a port number (0-65535): '" + port + "'");
        }
    }

    /** Where the schema registry is and how to talk to it. */
    public SchemaRegistryConfig registry() {
        return SchemaRegistryConfig.from(values);
    }

    /** Names the model and a digest of its settings, so a score says which configuration produced it. */
    public String modelVersion() {
        // Sorted: Map.copyOf iterates in a per-JVM random order, which would give one model many versions.
        String modelSettings = new TreeMap<>(values).entrySet().stream()
                .filter(e -> ModelConfigParser.isModelKey(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
        return "chs-1/" + HexFormat.of().toHexDigits(modelSettings.hashCode());
    }

    /**
     * Settings every Kafka client of the app shares (admin, producer, consumer): bootstrap servers, the
     * plain security keys ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) and every
     * {@code kafka.}-prefixed key with the prefix stripped.
     */
    public Properties kafkaClientProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        values.forEach((key, value) -> {
            if (PLAIN_KAFKA_PREFIXES.stream().anyMatch(key::startsWith)) {
                props.put(key, value);
            }
        });
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                props.put(key.substring(KAFKA_PREFIX.length()), value);
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
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.InvalidRecordHandler.class.getName());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.UndeserializableRecordHandler.class.getName());
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                io.healthstream.topology.UnsendableRecordHandler.class.getName());
        // Refuses records the producer or broker would refuse before they poison an exactly-once transaction.
        props.put(StreamsConfig.DEFAULT_CLIENT_SUPPLIER_CONFIG, io.healthstream.topology.GuardedClientSupplier.class.getName());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // No global stores today; enabling it now keeps the behaviour when Kafka 5 makes it the default.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Four input topics feed one task: wait a little for a partition that still has data, so a
        // catch-up merges them in event-time order instead of racing one topic ahead of the others.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, DEFAULT_MAX_TASK_IDLE_MS);
        props.putAll(kafkaClientProperties());
        return props;
    }

    /** Everything, with secrets masked, for the one log line at start. */
    public String redacted() {
        return new TreeMap<>(values).entrySet().stream()
                .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "[hidden]" : e.getValue()))
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

    /** The raw values, for components (the serde factory) that read their own keys. */
    public Map<String, String> values() {
        return values;
    }
}
