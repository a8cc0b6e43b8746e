package io.healthstream.query;

import org.apache.kafka.streams.KafkaStreams;

/** Whether an instance holds any partition: one without active tasks has no store to query here. */
final class LocalTasks {
    private LocalTasks() {}

    static boolean none(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .allMatch(thread -> thread.activeTasks().isEmpty());
    }
}
