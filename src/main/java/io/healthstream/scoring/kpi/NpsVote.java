package io.healthstream.scoring.kpi;

import java.time.Instant;
import java.util.Comparator;

/** One user's NPS answer; the latest per user in a period counts (the event id's hash breaks a tie). */
public record NpsVote(int score, Instant at, long eventHash) {
    static final Comparator<NpsVote> ORDER = Comparator.comparing(NpsVote::at).thenComparingLong(NpsVote::eventHash);

    static NpsVote latest(NpsVote a, NpsVote b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}
