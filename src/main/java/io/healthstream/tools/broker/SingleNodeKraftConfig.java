package io.healthstream.tools.broker;

import java.nio.file.Path;
import java.util.Properties;

/** The server.properties of a combined broker+controller node that is the whole cluster. */
record SingleNodeKraftConfig(Path logDir, int brokerPort, int controllerPort) {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    Properties toProperties() {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.setProperty(
                "listeners",
                "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", logDir.toString());
        // Internal topics default to replication factor 3; on one node they would never be created,
        // and consumer groups and exactly_once_v2 transactions would hang.
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("min.insync.replicas", "1");
        // One partition each instead of 50: the first group or transaction is ready in milliseconds.
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.num.partitions", "1");
        // Nobody else will join: do not hold the first rebalance back for 3 s.
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        return props;
    }
}
