package io.healthstream.topology;

/** Hooks the topology calls as it works, so metrics can count without the topology knowing Micrometer. */
public interface ProcessingListener {
    void consumed(String topic);

    void duplicate(String topic);

    void late(String topic);

    /** A record went to {@code topic}; {@code latencyMillis} from the source event's time to now. */
    void emitted(String topic, String type, long latencyMillis);

    /**
     * A record went out, with its value, for listeners that need more than the type (the score of an
     * account-health record, the MRR of a contraction alert). Added for the metrics of issue 7 as a
     * default method, so existing listeners keep working unchanged.
     */
    default void emitted(OutcomeMapper.Output output, long latencyMillis) {
        emitted(output.topic(), output.type(), latencyMillis);
    }

    /** Ignores everything; for tools that do not publish metrics. */
    ProcessingListener NONE = new ProcessingListener() {
        @Override
        public void consumed(String topic) {
        }

        @Override
        public void duplicate(String topic) {
        }

        @Override
        public void late(String topic) {
        }

        @Override
        public void emitted(String topic, String type, long latencyMillis) {
        }
    };
}
