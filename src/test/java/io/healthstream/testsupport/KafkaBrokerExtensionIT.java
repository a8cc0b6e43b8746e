package io.healthstream.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.tools.broker.EmbeddedKafkaBroker;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

    @AfterAll
    static void allTestsOfTheClassShareOneBroker() {
        assertThat(BROKERS_SEEN).hasSize(1);
    }
}
