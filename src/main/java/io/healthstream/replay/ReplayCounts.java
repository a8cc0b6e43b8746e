package io.healthstream.replay;

import io.healthstream.topology.ProcessingListener;
import io.healthstream.topology.Topics;

/**
 * Counts what the topology did with the replayed events, as its {@link ProcessingListener}: duplicates,
 * and events too late to change an account. The KPI processor also reports late transitions, from its
 * repartition topic: events an account took, but too late for a period that had closed; those are
 * counted apart.
 */
final class ReplayCounts implements ProcessingListener {
    private long duplicate;
    private long late;
    private long lateForKpis;

    @Override
    public void duplicate(String topic) {
        duplicate++;
    }

    @Override
    public void late(String topic) {
        if (Topics.INPUTS.contains(topic)) {
            late++;
        } else {
            lateForKpis++;
        }
    }

    long duplicate() {
        return duplicate;
    }

    long late() {
        return late;
    }

    long lateForKpis() {
        return lateForKpis;
    }
}
