package io.healthstream.topology;

/** Hooks the topology calls as it works, so metrics can count without the topology knowing Micrometer. */
public interface ProcessingListener {
    void consumed(String topic);

    /** An event whose id its account already applied from the same topic. */
    void duplicate(String topic);

    /** An event too old to change anything. */
    void late(String topic);

    /**
     * An event that changed its account but came after its KPI period had closed, so the period's KPIs do
     * not count it (or, on the KPI route, a task's contribution that came too late for the ledger).
     */
    default void lateForKpis(String topic) {
    }

    /** A record went to {@code topic}; {@code latencyMillis} from the source event's time to now. */
    void emitted(String topic, String type, long latencyMillis);

    /**
     * A record went out, with its value, for listeners that need more than the type (the score of an
     * account-health record, the MRR of a contraction alert).
     */
    default void emitted(Output output, long latencyMillis) {
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
