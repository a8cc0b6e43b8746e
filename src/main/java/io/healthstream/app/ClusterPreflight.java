package io.healthstream.app;

import io.healthstream.serde.MockSchemaRegistry;
import io.healthstream.topology.HealthTopology;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before anything starts, that the broker and the schema registry answer and that topics
 * exist, so a wrong address or a missing topic ends the start with one line instead of clients
 * retrying forever. Every check is bounded; all of them together stay well under a minute.
 */
final class ClusterPreflight {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(20);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPreflight.class);
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private ClusterPreflight() {}

    /** An admin client with bounded timeouts, on the app's Kafka client settings (security included). */
    static Admin admin(Settings settings) {
        Properties props = settings.kafkaClientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis() / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return Admin.create(props);
    }

    /** Fails unless one bootstrap address takes a TCP connection and the cluster answers describeCluster. */
    static void requireBroker(Settings settings) {
        String servers = settings.bootstrapServers();
        // A plain TCP probe first: an admin client against a closed port only logs retries until it times out.
        if (Arrays.stream(servers.split(",")).map(String::trim).noneMatch(ClusterPreflight::acceptsConnections)) {
            throw new UserError("cannot reach the Kafka broker at " + servers + " (no address accepts connections)");
        }
        try (Admin admin = admin(settings)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis()))
                    .nodes()
                    .get(ADMIN_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new UserError("Kafka at " + servers + " refused describeCluster: "
                    + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new UserError("Kafka at " + servers + " did not answer within " + ADMIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while contacting Kafka at " + servers);
        }
    }

    /** Fails unless {@code GET <url>/subjects} answers 200 now: for tools, which do not wait. */
    static void requireRegistry(Settings settings) {
        registryProblem(settings).ifPresent(problem -> {
            throw new UserError(
                    "cannot reach the schema registry at " + settings.schemaRegistryUrl() + " (" + problem + ")");
        });
    }

    /**
     * Why the registry cannot be used now, if it cannot: empty once {@code GET <url>/subjects} answers 200
     * (with basic auth when configured). Unreachable or 5xx is worth waiting for and is returned; any
     * other answer is a mistake in the configuration and throws.
     *
     * @throws UserError for a URL that is not one, or an answer a retry will not change (401, 404, ...)
     */
    static Optional<String> registryProblem(Settings settings) {
        String url = settings.schemaRegistryUrl();
        if (url.startsWith(MockSchemaRegistry.SCHEME)) {
            return Optional.empty(); // in-process, nothing to reach
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/subjects"))
                    .timeout(REGISTRY_TIMEOUT)
                    .GET();
        } catch (IllegalArgumentException e) {
            throw new UserError("schema.registry.url is not a URL: " + url);
        }
        settings.registry()
                .basicAuth()
                .ifPresent(userInfo -> request.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(userInfo.value().getBytes(StandardCharsets.UTF_8))));
        try {
            HttpResponse<Void> response = HttpClient.newBuilder()
                    .connectTimeout(REGISTRY_TIMEOUT)
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 500) {
                return Optional.of("GET /subjects answered HTTP " + response.statusCode());
            }
            if (response.statusCode() != 200) {
                throw new UserError(
                        "schema registry at " + url + " answered GET /subjects with HTTP " + response.statusCode());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while contacting the schema registry at " + url);
        }
    }

    /** Fails naming every topic of {@code required} the cluster does not have. */
    static void requireTopics(Admin admin, Collection<String> required) {
        Set<String> existing = existingTopics(admin);
        List<String> missing =
                required.stream().filter(topic -> !existing.contains(topic)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("missing topics " + String.join(", ", missing)
                    + " (create them with: healthstream topics create --config FILE)");
        }
    }

    /**
     * Fails unless {@code input.partitions} is the input topics' partition count (the largest, should they differ:
     * Kafka Streams runs one task per partition of the largest). The KPI ledger waits for that many account tasks
     * before it closes a period: told fewer, it closes periods before every partition's events have counted, and the
     * open period's figures may never be published; told more, it waits for tasks that do not exist.
     */
    static void requireInputPartitions(Admin admin, int expected) {
        Map<String, TopicDescription> inputs = answer(
                admin.describeTopics(Topics.INPUTS).allTopicNames(),
                ADMIN_TIMEOUT.toSeconds(),
                "describe the input topics",
                "describing the input topics");
        int actual = inputs.values().stream()
                .mapToInt(topic -> topic.partitions().size())
                .max()
                .orElse(expected);
        if (actual != expected) {
            throw new UserError("input.partitions is " + expected + " but the input topics have " + actual
                    + " partitions: the KPI ledger waits for one account task per partition before it closes a"
                    + " period; set input.partitions=" + actual);
        }
    }

    /**
     * Creates the application's own topic of segment churn rates ({@link HealthTopology#segmentChurnTopic}) unless it
     * exists: one partition, compacted, like the internal topics Kafka Streams creates for itself; the global store
     * that reads it must find it before the stream threads start.
     */
    static void ensureSegmentChurnTopic(Admin admin, String applicationId) {
        String topic = HealthTopology.segmentChurnTopic(applicationId);
        if (existingTopics(admin).contains(topic)) {
            return;
        }
        NewTopic compacted = new NewTopic(topic, Optional.of(1), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(compacted)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("Created topic {} (the segments' monthly churn rates, for per-account LTV)", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new UserError("cannot create topic " + topic + " (one partition, cleanup.policy=compact; it"
                        + " carries the segments' churn rates for per-account LTV): "
                        + e.getCause().getMessage()
                        + "; create it, or allow this client to");
            }
        } catch (TimeoutException e) {
            throw new UserError("creating topic " + topic + " took longer than " + ADMIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while creating topic " + topic);
        }
    }

    static Set<String> existingTopics(Admin admin) {
        return answer(
                admin.listTopics(new ListTopicsOptions().timeoutMs((int) ADMIN_TIMEOUT.toMillis()))
                        .names(),
                ADMIN_TIMEOUT.toSeconds() + 5,
                "list topics",
                "listing topics");
    }

    /**
     * The admin call's answer, waited for at most {@code seconds}; a refusal, a timeout or an interruption is one
     * line naming the call ({@code "cannot list topics: ..."}, {@code "listing topics took longer than ..."}).
     */
    private static <T> T answer(KafkaFuture<T> call, long seconds, String doWhat, String doing) {
        try {
            return call.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new UserError("cannot " + doWhat + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new UserError(doing + " took longer than " + ADMIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while " + doing);
        }
    }

    private static boolean acceptsConnections(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 1) {
            throw new UserError("bootstrap.servers entry is not host:port: '" + hostAndPort + "'");
        }
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1))),
                    (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (NumberFormatException e) {
            throw new UserError("bootstrap.servers entry has no valid port: '" + hostAndPort + "'");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
