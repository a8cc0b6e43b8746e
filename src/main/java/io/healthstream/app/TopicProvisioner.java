package io.healthstream.app;

import io.healthstream.topology.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates healthstream's input, output and dead-letter topics with their retention; topics that already
 * exist are left as they are.
 */
final class TopicProvisioner {
    /** Every topic healthstream reads or writes, KPIs included. */
    static final List<String> ALL_TOPICS = Stream.of(
                    Topics.INPUTS.stream(), Topics.OUTPUTS.stream(), Stream.of(Topics.SAAS_KPIS, Topics.DEAD_LETTER))
            .flatMap(s -> s)
            .toList();

    private static final long TIMEOUT_SECONDS = 30;

    /** Which topics were created and which were there already. */
    record Outcome(List<String> created, List<String> existing) {}

    private TopicProvisioner() {}

    /** Creates the missing topics; empty partitions or replication factor mean the broker's defaults. */
    static Outcome createAll(
            Admin admin, Optional<Integer> partitions, Optional<Short> replicationFactor, TopicRetention retention) {
        CreateTopicsResult result = admin.createTopics(ALL_TOPICS.stream()
                .map(topic -> new NewTopic(topic, partitions, replicationFactor).configs(retention.configsFor(topic)))
                .toList());
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        for (String topic : ALL_TOPICS) {
            try {
                result.values().get(topic).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new UserError(
                            "cannot create topic " + topic + ": " + e.getCause().getMessage());
                }
                existing.add(topic);
            } catch (TimeoutException e) {
                throw new UserError("creating topic " + topic + " took longer than " + TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while creating topics");
            }
        }
        return new Outcome(List.copyOf(created), List.copyOf(existing));
    }

    /**
     * The input topics that keep records for less time than {@code retention} asks, with how long they
     * keep them: existing topics are left as they are, so this says which ones to raise.
     */
    static Map<String, Duration> shortInputRetention(Admin admin, TopicRetention retention) {
        long neededMillis = retention.input().map(Duration::toMillis).orElse(Long.MAX_VALUE);
        List<ConfigResource> resources = Topics.INPUTS.stream()
                .filter(topic -> !topic.equals(Topics.HEALTH_OVERRIDES)) // compacted, kept whatever its age
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Map<ConfigResource, Config> configs;
        try {
            configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("cannot read the input topics' retention: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while reading the input topics' retention");
        }
        Map<String, Duration> tooShort = new TreeMap<>();
        configs.forEach((resource, config) -> {
            long kept =
                    Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
            if (kept >= 0 && kept < neededMillis) {
                tooShort.put(resource.name(), Duration.ofMillis(kept));
            }
        });
        return tooShort;
    }
}
