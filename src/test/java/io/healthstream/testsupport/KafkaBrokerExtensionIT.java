package io.healthstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerExtensionIT {
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final Set<EmbeddedKafkaBroker> BROKERS_SEEN = new HashSet<>();

    @Test
    void injectsTheRunningBroker(EmbeddedKafkaBroker broker) throws Exception {
        BROKERS_SEEN.add(broker);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void staticFieldGivesTheSameBrokerAsTheParameter(EmbeddedKafkaBroker broker) {
        BROKERS_SEEN.add(broker);
        assertThat(KAFKA.bootstrapServers()).isEqualTo(broker.bootstrapServers());
    }

    @Test
    void clearLeavesNeitherTopicsNorGroupsNorMembers(EmbeddedKafkaBroker broker) throws Exception {
        BROKERS_SEEN.add(broker);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
                KafkaConsumer<String, String> member = groupMember(broker, "left-over-group")) {
            admin.createTopics(List.of(new NewTopic("left-over", 2, (short) 1)))
                    .all()
                    .get();
            member.subscribe(List.of("left-over"));
            Waits.atMost(Duration.ofSeconds(60), () -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });
            assertThat(member.assignment())
                    .as("partitions assigned to the group's member")
                    .isNotEmpty();

            KAFKA.clear();

            assertThat(admin.listTopics().names().get()).isEmpty();
            assertThat(admin.listGroups().all().get()).isEmpty();
            // As on a new broker, the name can be taken again at once, with another partition count.
            admin.createTopics(List.of(new NewTopic("left-over", 1, (short) 1)))
                    .all()
                    .get();
            assertThat(admin.describeTopics(List.of("left-over"))
                            .allTopicNames()
                            .get()
                            .get("left-over")
                            .partitions())
                    .hasSize(1);
        }
    }

    private static KafkaConsumer<String, String> groupMember(EmbeddedKafkaBroker broker, String group) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        group,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new StringDeserializer());
    }

    @AfterAll
    static void allTestsOfTheClassShareOneBroker() {
        assertThat(BROKERS_SEEN).hasSize(1);
    }
}
