package io.healthstream.query;

import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.Driver;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.SegmentedScorer;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.topology.StateMapper;
import java.time.Instant;
import java.util.List;

/**
 * One account's current health as {@code GET /accounts/{id}} shows it. The score, band, components
 * and drivers are the {@link SegmentedScorer}'s assessment of the stored state as of the account's
 * last evaluation (its latest event, or the latest moment time alone changed it); {@code lastPublished} is what went to account-health. Null score fields mean the
 * account is not scorable yet (no subscription or usage event).
 */
public record AccountView(
        String accountId,
        String plan,
        int seats,
        long mrr,
        String currency,
        String billingStatus,
        String lastEventAt,
        String assessedAt,
        Double score,
        String band,
        Components components,
        List<Driver> drivers,
        String recommendedAction,
        String touchTier,
        String segment,
        BandBounds bandBounds,
        List<NpsAnswer> npsAnswers,
        List<OpenTicket> openTickets,
        Override override,
        Published lastPublished,
        String servedBy) {

    /** The four component values. */
    public record Components(double usage, double billing, double support, double nps) {}

    /** The highest score of each band but THRIVING in the account's model: where a chart draws its lines. */
    public record BandBounds(double redMax, double yellowMax, double greenMax) {}

    /** A user's latest NPS answer inside the NPS window. */
    public record NpsAnswer(String userId, int score, String at) {}

    /** A support ticket not resolved yet. */
    public record OpenTicket(String ticketId, String priority, String stage, boolean escalated, String updatedAt) {}

    /** The CSM override active on the account as of its last evaluation; null when none is. */
    public record Override(String band, Double score, String reason, String author, String expiresAt) {}

    /** The score and band last published to account-health; null fields before the first. */
    public record Published(Double score, String band) {}

    static AccountView of(String accountId, StoredAccount stored, SegmentedScorer scorer, String servedBy) {
        AccountMemory memory = StateMapper.toDomain(stored);
        AccountState state = memory.health();
        Instant assessedAt = memory.evaluatedAt();
        HealthAssessment a = state.scorable() && assessedAt != null ? scorer.assess(state, assessedAt) : null;
        return new AccountView(
                accountId,
                state.plan(),
                state.subscription().seats(),
                state.mrr(),
                state.currency(),
                state.billing().name(),
                text(memory.lastEventAt()),
                a == null ? null : text(assessedAt),
                a == null ? null : a.score(),
                a == null ? null : a.band().name(),
                a == null
                        ? null
                        : new Components(
                                a.components().usage(),
                                a.components().billing(),
                                a.components().support(),
                                a.components().nps()),
                a == null ? List.of() : a.drivers(),
                a == null ? null : a.recommendedAction(),
                a == null ? null : a.touch().name(),
                scorer.segmentOf(state),
                bounds(scorer.bandsOf(state)),
                state.npsByUser().entrySet().stream()
                        .map(nps -> new NpsAnswer(
                                nps.getKey(),
                                nps.getValue().score(),
                                text(nps.getValue().at())))
                        .toList(),
                state.tickets().entrySet().stream()
                        .filter(ticket -> ticket.getValue().isOpen())
                        .map(ticket -> new OpenTicket(
                                ticket.getKey(),
                                ticket.getValue().priority().name(),
                                ticket.getValue().stage().name(),
                                ticket.getValue().escalated(),
                                text(ticket.getValue().updatedAt())))
                        .toList(),
                override(state.override(), assessedAt),
                new Published(
                        state.lastScore(),
                        state.lastBand() == null ? null : state.lastBand().name()),
                servedBy);
    }

    private static Override override(CsmOverride active, Instant now) {
        if (active == null || (now != null && active.expiredBy(now))) {
            return null;
        }
        return new Override(
                active.band().name(), active.score(), active.reason(), active.author(), text(active.expiresAt()));
    }

    private static BandBounds bounds(ModelConfig.Bands bands) {
        return new BandBounds(bands.redMax(), bands.yellowMax(), bands.greenMax());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
