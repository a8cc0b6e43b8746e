package io.healthstream.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Where the schema registry is and how to talk to it, read from the same kind of property map as
 * Kafka's own clients. {@link #toString()} never shows the password.
 *
 * @param url             base URL of one Confluent-compatible REST API, or {@code mock://<scope>}
 * @param basicAuth       {@code user:password} for HTTP basic auth, if any
 * @param autoRegister    whether serializers register missing schemas
 * @param connectTimeout  TCP connect timeout of registry calls
 * @param requestTimeout  timeout of one registry request
 * @param maxRetries      retries after a connection error or 5xx answer
 * @param retryBackoff    wait before the first retry; doubled for each further retry
 * @param cacheCapacity   bound of each schema/id cache
 */
public record SchemaRegistryConfig(
        String url,
        Optional<Password> basicAuth,
        boolean autoRegister,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryBackoff,
        int cacheCapacity) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(
                    URL,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Base URL of the schema registry REST API, or mock://<scope> for an in-process registry.")
            .define(
                    BASIC_AUTH_USER_INFO,
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "user:password for HTTP basic authentication.")
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    true,
                    Importance.MEDIUM,
                    "Whether serializers register schemas that are not yet in the registry.")
            .define(
                    CONNECT_TIMEOUT_MS,
                    Type.LONG,
                    5_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Connect timeout of registry calls.")
            .define(
                    REQUEST_TIMEOUT_MS,
                    Type.LONG,
                    10_000L,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Timeout of one registry request.")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    3,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Retries after a connection error or a 5xx answer.")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    100L,
                    Range.atLeast(0),
                    Importance.LOW,
                    "Wait before the first retry, doubled for each further one.")
            .define(
                    CACHE_CAPACITY,
                    Type.INT,
                    1_000,
                    Range.atLeast(1),
                    Importance.LOW,
                    "Maximum number of entries in each schema cache.");

    /**
     * Credentials in the URL ({@code https://user:password@registry:8081}) become the basic auth unless
     * {@code basic.auth.user.info} is set, and never stay in {@link #url()}, which is printed in messages.
     */
    public SchemaRegistryConfig {
        if (!url.startsWith("http://") && !url.startsWith("https://") && !MockSchemaRegistry.isMockUrl(url)) {
            throw new ConfigException(URL, UrlUserInfo.redact(url), "expected one http://, https:// or mock:// URL");
        }
        if (basicAuth.isEmpty()) {
            basicAuth = UrlUserInfo.of(url).map(Password::new);
        }
        url = UrlUserInfo.strip(url);
        basicAuth.ifPresent(SchemaRegistryConfig::requireUserAndPassword);
    }

    /** Reads the registry settings from a Kafka-style property map; other keys are ignored. */
    public static SchemaRegistryConfig from(Map<String, ?> configs) {
        Map<String, Object> parsed = DEFINITION.parse(configs);
        return new SchemaRegistryConfig(
                ((String) parsed.get(URL)).trim(),
                Optional.ofNullable((Password) parsed.get(BASIC_AUTH_USER_INFO)),
                (Boolean) parsed.get(AUTO_REGISTER_SCHEMAS),
                Duration.ofMillis((Long) parsed.get(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis((Long) parsed.get(REQUEST_TIMEOUT_MS)),
                (Integer) parsed.get(MAX_RETRIES),
                Duration.ofMillis((Long) parsed.get(RETRY_BACKOFF_MS)),
                (Integer) parsed.get(CACHE_CAPACITY));
    }

    /** Settings with defaults for everything but the URL. */
    public static SchemaRegistryConfig forUrl(String url) {
        return from(Map.of(URL, url));
    }

    /** The registry keys with their types, defaults and documentation. */
    public static ConfigDef definition() {
        return new ConfigDef(DEFINITION);
    }

    private static void requireUserAndPassword(Password userInfo) {
        if (userInfo.value().indexOf(':') < 1) {
            throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]", "expected user:password");
        }
    }
}
