package io.healthstream.scoring.kpi;

import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One closed month: paying accounts per segment at its start, and accounts per segment lost in it. */
public record SegmentMonth(YearMonth month, Map<String, Long> start, Map<String, Long> lost) {
    public SegmentMonth {
        start = Collections.unmodifiableMap(new TreeMap<>(start));
        lost = Collections.unmodifiableMap(new TreeMap<>(lost));
    }
}
