package io.healthstream.topology;

import io.healthstream.scoring.Outcome;
import io.healthstream.scoring.kpi.KpiLedger;
import java.util.ArrayList;
import java.util.List;

/** Remembers what the topology reported: topics per kind of event, and what it published. */
public final class RecordingListener implements ProcessingListener {
    public final List<String> consumed = new ArrayList<>();
    public final List<String> duplicates = new ArrayList<>();
    public final List<String> late = new ArrayList<>();
    public final List<String> lateForKpis = new ArrayList<>();
    public final List<Outcome> published = new ArrayList<>();
    public final List<KpiLedger.Report> reports = new ArrayList<>();
    public int heldForLtv;
    public int releasedAfterLtvWait;

    @Override
    public void heldForLtv() {
        heldForLtv++;
    }

    @Override
    public void releasedAfterLtvWait() {
        releasedAfterLtvWait++;
    }

    @Override
    public void consumed(String topic) {
        consumed.add(topic);
    }

    @Override
    public void duplicate(String topic) {
        duplicates.add(topic);
    }

    @Override
    public void late(String topic) {
        late.add(topic);
    }

    @Override
    public void lateForKpis(String topic) {
        lateForKpis.add(topic);
    }

    @Override
    public void published(Outcome outcome, long latencyMillis) {
        published.add(outcome);
    }

    @Override
    public void published(KpiLedger.Report report, long latencyMillis) {
        reports.add(report);
    }

    /** The topics of the account records published, in order. */
    public List<String> publishedTopics() {
        return published.stream().map(Topics::of).toList();
    }
}
