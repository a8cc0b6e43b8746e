package io.healthstream.replay;

import io.healthstream.topology.ProcessingListener;

/**
 * Counts what the topology did with the replayed events, as its {@link ProcessingListener}: duplicates,
 * events too late to change an account, and events an account took but too late for a KPI period that
 * had closed.
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
        late++;
    }

    @Override
    public void lateForKpis(String topic) {
        lateForKpis++;
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
