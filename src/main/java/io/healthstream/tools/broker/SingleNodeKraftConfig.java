package io.healthstream.tools.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The server.properties of a combined broker+controller node that is the whole cluster, with optional further
 * client listeners that ask for SASL/PLAIN or TLS (broker and controller still talk PLAINTEXT to each other).
 */
record SingleNodeKraftConfig(
        Path logDir, int brokerPort, int controllerPort, Optional<SaslPlainListener> sasl, Optional<SslListener> ssl) {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";

    /** A SASL_PLAINTEXT listener on {@code port} accepting {@code users} (name to password) with PLAIN. */
    record SaslPlainListener(int port, Map<String, String> users) {
        static final String NAME = "SASL_PLAINTEXT";
    }

    /** An SSL listener on {@code port} presenting the key in the PKCS12 {@code keystore}. */
    record SslListener(int port, Path keystore, String password) {
        static final String NAME = "SSL";
    }

    String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /** The {@code bootstrap.servers} of the SASL listener, if there is one. */
    Optional<String> saslBootstrapServers() {
        return sasl.map(listener -> HOST + ":" + listener.port());
    }

    /** The {@code bootstrap.servers} of the SSL listener, if there is one. */
    Optional<String> sslBootstrapServers() {
        return ssl.map(listener -> HOST + ":" + listener.port());
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
        sasl.ifPresent(listener -> addSasl(props, listener));
        ssl.ifPresent(listener -> addSsl(props, listener));
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

    private static void addListener(Properties props, String name, int port) {
        props.setProperty("listeners", props.getProperty("listeners") + "," + name + "://" + HOST + ":" + port);
        props.setProperty(
                "advertised.listeners",
                props.getProperty("advertised.listeners") + "," + name + "://" + HOST + ":" + port);
        props.setProperty(
                "listener.security.protocol.map",
                props.getProperty("listener.security.protocol.map") + "," + name + ":" + name);
    }

    private static void addSasl(Properties props, SaslPlainListener listener) {
        addListener(props, SaslPlainListener.NAME, listener.port());
        props.setProperty("sasl.enabled.mechanisms", "PLAIN");
        props.setProperty(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + listener.users().entrySet().stream()
                                .map(user -> "user_" + user.getKey() + "=\"" + user.getValue() + "\"")
                                .collect(Collectors.joining(" "))
                        + ";");
    }

    private static void addSsl(Properties props, SslListener listener) {
        addListener(props, SslListener.NAME, listener.port());
        props.setProperty("listener.name.ssl.ssl.keystore.type", "PKCS12");
        props.setProperty(
                "listener.name.ssl.ssl.keystore.location", listener.keystore().toString());
        props.setProperty("listener.name.ssl.ssl.keystore.password", listener.password());
        props.setProperty("listener.name.ssl.ssl.key.password", listener.password());
    }
}
