package io.healthstream.topology;

import io.healthstream.avro.KpiDelta;
import org.apache.avro.specific.SpecificRecord;

/** A record on its way out of the account processor, with the route it takes: an output topic, or the internal KPI route. */
record Output(String topic, SpecificRecord value) {
    /** The route of the account tasks' KPI deltas to the portfolio ledger. */
    static final String KPI_ROUTE = "kpi-deltas";

    static Output kpiDelta(KpiDelta delta) {
        return new Output(KPI_ROUTE, delta);
    }
}
