package io.healthstream.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthstream.topology.Topics;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The output topics' files, {@code DIR/<topic>.jsonl}, written one record at a time as the driver's
 * topics are drained, and what the summary needs from them: records per topic, the accounts scored
 * and the KPI periods closed.
 */
final class OutputFiles implements Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, BufferedWriter> writers = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> closedPeriods = new HashSet<>();

    private OutputFiles() {}

    static OutputFiles open(Path dir) throws IOException {
        OutputFiles files = new OutputFiles();
        try {
            for (String topic : Topics.OUTPUTS) {
                files.writers.put(
                        topic, Files.newBufferedWriter(dir.resolve(topic + ".jsonl"), StandardCharsets.UTF_8));
                files.counts.put(topic, 0L);
            }
        } catch (IOException e) {
            files.close();
            throw e;
        }
        return files;
    }

    void write(String topic, ObjectNode record) throws IOException {
        writeLine(writers.get(topic), record);
        counts.merge(topic, 1L, Long::sum);
        if (topic.equals(Topics.ACCOUNT_HEALTH)) {
            accounts.add(record.path("account_id").asText());
        } else if (topic.equals(Topics.SAAS_KPIS) && record.path("final").asBoolean()) {
            closedPeriods.add(record.path("period").asText() + " "
                    + record.path("currency").asText());
        }
    }

    /** Records written per output topic, in {@link Topics#OUTPUTS} order. */
    Map<String, Long> counts() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    long accountsScored() {
        return accounts.size();
    }

    /** Distinct period and currency among the final saas-kpis records. */
    long periodsClosed() {
        return closedPeriods.size();
    }

    static void writeLine(BufferedWriter writer, ObjectNode record) throws IOException {
        writer.write(MAPPER.writeValueAsString(record));
        writer.newLine();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (BufferedWriter writer : writers.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
