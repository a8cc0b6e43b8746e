package io.healthstream.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthstream.topology.StoreNames;
import io.healthstream.topology.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks every other instance for its share of a portfolio-wide question. An instance that does not answer (dead,
 * restarting, rebalancing) is left out and its input partitions named, so one instance down does not take the
 * answer down with it.
 */
final class FanOut {
    private static final ObjectMapper JSON = ApiJson.MAPPER;

    /** The other instances' answers, and the partitions of those that gave none. */
    record Gathered<T>(List<T> answers, SortedSet<Integer> missingPartitions) {}

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;
    private final Instances instances;

    FanOut(KafkaStreams streams, Optional<HostInfo> self, Instances instances) {
        this.streams = streams;
        this.self = self;
        this.instances = instances;
    }

    /** {@code pathAndQuery} (which must ask for the local share only) put to every other instance, read as {@code type}. */
    <T> Gathered<T> gather(String pathAndQuery, Class<T> type, Caller caller) {
        List<T> answers = new ArrayList<>();
        SortedSet<Integer> missing = new TreeSet<>();
        for (StreamsMetadata other : otherInstances()) {
            ask(other.hostInfo(), pathAndQuery, type, caller)
                    .ifPresentOrElse(answers::add, () -> missing.addAll(inputPartitions(other)));
        }
        return new Gathered<>(answers, missing);
    }

    private <T> Optional<T> ask(HostInfo other, String pathAndQuery, Class<T> type, Caller caller) {
        try {
            Instances.Answer answer = instances.get(other, pathAndQuery, caller);
            return answer.status() == 200 ? Optional.of(read(answer.body(), type)) : Optional.empty();
        } catch (QueryException e) {
            return Optional.empty();
        }
    }

    private List<StreamsMetadata> otherInstances() {
        return streams.streamsMetadataForStore(StoreNames.ACCOUNTS).stream()
                .filter(instance -> !instance.hostInfo().equals(self.orElse(null)))
                .toList();
    }

    /** The partitions whose accounts an instance holds: its tasks' partitions of the input topics. */
    private static Set<Integer> inputPartitions(StreamsMetadata instance) {
        return instance.topicPartitions().stream()
                .filter(partition -> Topics.INPUTS.contains(partition.topic()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }

    private static <T> T read(byte[] body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new QueryException(
                    QueryException.Reason.OWNER_FAILED,
                    "another instance answered with unreadable JSON: " + e.getMessage());
        }
    }
}
