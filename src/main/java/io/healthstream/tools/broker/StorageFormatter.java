package io.healthstream.tools.broker;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory, what {@code kafka-storage.sh format} does, in this JVM: it only
 * writes files, so it spares a second JVM start.
 */
final class StorageFormatter {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

    private StorageFormatter() {}

    /** Formats the log directory unless it already holds a cluster, so a kept data dir restarts. */
    static void formatIfNeeded(SingleNodeKraftConfig config) {
        // Formatter's ignore-formatted mode still rejects a directory holding another cluster id.
        if (Files.exists(config.logDir().resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String logDir = config.logDir().toString();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(SingleNodeKraftConfig.NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir))
                    .setMetadataLogDirectory(logDir)
                    .setControllerListenerName(SingleNodeKraftConfig.CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format Kafka log dir " + logDir + ": " + output, e);
        }
        LOG.debug(
                "Formatted {}: {}",
                logDir,
                output.toString(StandardCharsets.UTF_8).strip());
    }
}
