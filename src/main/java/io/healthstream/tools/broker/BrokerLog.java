package io.healthstream.tools.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the end of the broker's own output, to say why a start failed. */
final class BrokerLog {
    private static final int TAIL_LINES = 40;

    private BrokerLog() {}

    static String tail(Path brokerLog) {
        try {
            List<String> lines = Files.readAllLines(brokerLog, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no broker output: " + e.getMessage() + ")";
        }
    }
}
