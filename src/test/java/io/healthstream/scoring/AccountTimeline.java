package io.healthstream.scoring;

import io.healthstream.scoring.intake.AccountIntake;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.scoring.intake.Decision;
import io.healthstream.scoring.intake.Step;
import io.healthstream.scoring.kpi.KpiConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Drives one account through {@link AccountIntake} the way the topology does: the KPI clock is the
 * latest event time seen, and time-based re-evaluations run at the moments the model names.
 */
final class AccountTimeline {
    final AccountIntake intake;
    AccountState state = AccountState.EMPTY;
    private AccountMemory memory = AccountMemory.NEW;
    private Instant streamTime = Instant.EPOCH;

    AccountTimeline(ModelConfig config) {
        this.intake = new AccountIntake(config, KpiConfig.defaults(config.onboardingSteps()));
    }

    static AccountTimeline withDefaults() {
        return new AccountTimeline(ModelConfig.defaults());
    }

    /** Applies {@code event}, after the re-evaluations due before it. */
    Step result(AccountEvent event) {
        if (event.occurredAt().isAfter(streamTime)) {
            streamTime = event.occurredAt();
        }
        return remember(intake.onEvent(memory, event, streamTime, null));
    }

    List<Outcome> apply(AccountEvent event) {
        return outcomes(result(event));
    }

    /** Lets time pass up to and including {@code now}: every re-evaluation due by then runs. */
    List<Outcome> tick(Instant now) {
        streamTime = now;
        Optional<Instant> due = intake.nextDue(memory);
        return due.isEmpty()
                ? List.of()
                : outcomes(remember(intake.onTime(memory, due.get(), now.plusMillis(1), streamTime)));
    }

    AccountMemory memory() {
        return memory;
    }

    static boolean late(Step step) {
        return step.disposition() == Step.Disposition.LATE;
    }

    static List<Outcome> outcomes(Step step) {
        return step.decisions().stream().map(Decision::outcome).toList();
    }

    private Step remember(Step step) {
        memory = step.memory();
        state = memory.health();
        return step;
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
