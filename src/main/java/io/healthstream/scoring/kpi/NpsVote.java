package io.healthstream.scoring.kpi;

import java.time.Instant;
import java.util.Comparator;

/** One user's NPS answer; the latest per user in a period counts ({@code eventId} breaks a tie). */
public record NpsVote(int score, Instant at, String eventId) {
    static final Comparator<NpsVote> ORDER = Comparator.comparing(NpsVote::at).thenComparing(NpsVote::eventId);

    static NpsVote latest(NpsVote a, NpsVote b) {
        return ORDER.compare(a, b) >= 0 ? a : b;
    }
}
