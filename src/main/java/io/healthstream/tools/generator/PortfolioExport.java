package io.healthstream.tools.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.serde.JsonAvro;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a simulated portfolio as an export in the {@code replay} input format, one
 * {@code {"topic": ..., "value": {...}}} line per event in publication order (noise included), so that
 * {@code replay} and {@code backtest} can run over it without a broker.
 */
public final class PortfolioExport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PortfolioExport() {}

    /** Simulates every day of {@code simulation} into {@code file}; returns the number of events written. */
    public static long write(PortfolioSimulation simulation, Path file) throws IOException {
        long written = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (simulation.hasNextDay()) {
                for (GeneratedEvent event : simulation.simulateNextDay()) {
                    ObjectNode line = MAPPER.createObjectNode();
                    line.put("topic", event.topic());
                    line.set("value", JsonAvro.write(event.value()));
                    writer.write(MAPPER.writeValueAsString(line));
                    writer.newLine();
                    written++;
                }
            }
        }
        return written;
    }
}
