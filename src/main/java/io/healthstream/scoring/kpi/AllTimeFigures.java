package io.healthstream.scoring.kpi;

import io.healthstream.scoring.Band;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Current totals of one currency: paying accounts and MRR now, accounts per band, NRR over 12 months. */
public record AllTimeFigures(
        String currency,
        Levels now,
        Map<Band, Long> accountsByBand,
        Double nrrTrailing12mPct,
        KpiStrategy strategy,
        List<String> notes,
        Instant asOf) {
    /** The period label of the running record. */
    public static final String PERIOD = "all-time";

    public AllTimeFigures {
        accountsByBand = Map.copyOf(accountsByBand);
        notes = List.copyOf(notes);
    }
}
