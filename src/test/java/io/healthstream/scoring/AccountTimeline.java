package io.healthstream.scoring;

import java.time.Instant;
import java.util.List;

/**
 * Drives one account through {@link HealthEngine} the way the topology does: stream time is the
 * latest event time seen, so an older event arriving later is applied at the newer stream time.
 */
final class AccountTimeline {
    final HealthEngine engine;
    final AccountState state = new AccountState("acc-1");
    private Instant streamTime;

    AccountTimeline(ModelConfig config) {
        this.engine = new HealthEngine(config);
    }

    static AccountTimeline withDefaults() {
        return new AccountTimeline(ModelConfig.defaults());
    }

    /** Applies {@code event} at the current stream time (advanced to the event's time if it is newer). */
    HealthEngine.Result result(AccountEvent event) {
        if (streamTime == null || event.occurredAt().isAfter(streamTime)) {
            streamTime = event.occurredAt();
        }
        return engine.apply(state, event, streamTime);
    }

    List<Outcome> apply(AccountEvent event) {
        return result(event).outcomes();
    }

    List<Outcome> tick(Instant now) {
        streamTime = now;
        return engine.tick(state, now);
    }

    static List<Outcome.HealthUpdate> healthUpdates(List<Outcome> outcomes) {
        return only(outcomes, Outcome.HealthUpdate.class);
    }

    /** The single HealthUpdate among {@code outcomes}; fails if there is none or more than one. */
    static Outcome.HealthUpdate healthUpdate(List<Outcome> outcomes) {
        List<Outcome.HealthUpdate> updates = healthUpdates(outcomes);
        if (updates.size() != 1) {
            throw new AssertionError("expected exactly one HealthUpdate, got " + outcomes);
        }
        return updates.get(0);
    }

    static List<Outcome.ChurnAlert> alerts(List<Outcome> outcomes) {
        return only(outcomes, Outcome.ChurnAlert.class);
    }

    static List<SignalType> alertTypes(List<Outcome> outcomes) {
        return alerts(outcomes).stream().map(Outcome.ChurnAlert::type).toList();
    }

    static List<Outcome.Contraction> contractions(List<Outcome> outcomes) {
        return only(outcomes, Outcome.Contraction.class);
    }

    static List<Outcome.Opportunity> opportunities(List<Outcome> outcomes) {
        return only(outcomes, Outcome.Opportunity.class);
    }

    static List<OpportunityType> opportunityTypes(List<Outcome> outcomes) {
        return opportunities(outcomes).stream().map(Outcome.Opportunity::type).toList();
    }

    static List<Outcome.NpsFeedback> npsFeedback(List<Outcome> outcomes) {
        return only(outcomes, Outcome.NpsFeedback.class);
    }

    private static <T extends Outcome> List<T> only(List<Outcome> outcomes, Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
