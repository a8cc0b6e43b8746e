package io.healthstream.api;

import io.healthstream.avro.StoredAccountState;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Driver;
import io.healthstream.scoring.HealthAssessment;
import io.healthstream.scoring.HealthScorer;
import io.healthstream.topology.StateMapper;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One account's current health as {@code GET /accounts/{id}} shows it. The score, band, components
 * and drivers are the {@link HealthScorer}'s assessment of the stored state as of the account's
 * latest event; {@code lastPublished} is what went to account-health. Null score fields mean the
 * account is not scorable yet (no subscription or usage event).
 */
record AccountView(String accountId, String plan, int seats, long mrr, String currency, String billingStatus,
                   String lastEventAt, String assessedAt, Double score, String band, Components components,
                   List<Driver> drivers, String recommendedAction, String touchTier, Published lastPublished,
                   String servedBy) {

    /** The four component values. */
    record Components(double usage, double billing, double support, double nps) {
    }

    /** The score and band last published to account-health; null fields before the first. */
    record Published(Double score, String band) {
    }

    static AccountView of(StoredAccountState stored, HealthScorer scorer, String servedBy) {
        AccountState state = StateMapper.toDomain(stored);
        Instant lastEvent = lastEventAt(state);
        HealthAssessment a = state.scorable() && lastEvent != null ? scorer.assess(state, lastEvent) : null;
        return new AccountView(state.accountId(), state.plan(), state.seats(), state.mrr(), state.currency(),
                state.billing().name(), text(lastEvent), a == null ? null : text(lastEvent),
                a == null ? null : a.score(), a == null ? null : a.band().name(),
                a == null ? null : new Components(a.components().usage(), a.components().billing(),
                        a.components().support(), a.components().nps()),
                a == null ? List.of() : a.drivers(), a == null ? null : a.recommendedAction(),
                a == null ? null : a.touch().name(),
                new Published(state.lastScore(), state.lastBand() == null ? null : state.lastBand().name()), servedBy);
    }

    private static Instant lastEventAt(AccountState state) {
        return Stream.of(
                        Stream.of(state.firstSeenAt(), state.billingChangedAt(), state.trialStartedAt(),
                                state.lastUsageAt(), state.onboardingProgressAt()),
                        state.tickets().values().stream().map(AccountState.TicketRecord::updatedAt),
                        state.npsByUser().values().stream().map(AccountState.NpsEntry::at))
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(null);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
