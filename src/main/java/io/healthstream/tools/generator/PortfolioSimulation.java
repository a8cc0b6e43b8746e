package io.healthstream.tools.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic SaaS portfolio played out day by day: pure and deterministic (no Kafka, no clock), so
 * the same {@link PortfolioSpec} always yields the same batches. Each batch is one simulated day in
 * publication order: mostly by event time, with the day's duplicates, late arrivals from earlier
 * days and invalid events mixed in.
 */
public final class PortfolioSimulation {
    private static final Comparator<GeneratedEvent> BY_TIME = Comparator.comparing(GeneratedEvent::occurredAt);

    private final PortfolioSpec spec;
    private final List<SimulatedAccount> accounts;
    private final Noise noise;
    private final Map<Integer, List<GeneratedEvent>> heldBack = new HashMap<>();
    private int nextDay;

    public PortfolioSimulation(PortfolioSpec spec) {
        this.spec = spec;
        this.noise = new Noise(spec.seed());
        this.accounts = new ArrayList<>(spec.accounts());
        SplittableRandom personas = new SplittableRandom(spec.seed());
        for (int i = 0; i < spec.accounts(); i++) {
            accounts.add(new SimulatedAccount(i + 1, pickPersona(personas.nextDouble()), spec));
        }
    }

    public PortfolioSpec spec() {
        return spec;
    }

    /** How many accounts follow each story. */
    public Map<Persona, Long> personas() {
        Map<Persona, Long> counts = new EnumMap<>(Persona.class);
        accounts.forEach(account -> counts.merge(account.persona(), 1L, Long::sum));
        return counts;
    }

    public boolean hasNextDay() {
        return nextDay < spec.days();
    }

    /** The simulated day the next batch covers (0-based). */
    public int nextDay() {
        return nextDay;
    }

    /** The events of the next simulated day, in the order they should be published. */
    public List<GeneratedEvent> simulateNextDay() {
        if (!hasNextDay()) {
            throw new IllegalStateException("all " + spec.days() + " days are simulated");
        }
        int day = nextDay++;
        List<GeneratedEvent> onTime = new ArrayList<>();
        for (SimulatedAccount account : accounts) {
            onTime.addAll(account.live(day, spec.dayStart(day)));
        }
        onTime.sort(BY_TIME);
        List<GeneratedEvent> batch = new ArrayList<>(onTime.size() + onTime.size() / 50);
        List<GeneratedEvent> redelivered = new ArrayList<>();
        for (GeneratedEvent event : onTime) {
            int late = day == spec.days() - 1 ? 0 : Math.min(noise.daysLate(), spec.days() - 1 - day);
            if (late > 0) {
                heldBack.computeIfAbsent(day + late, d -> new ArrayList<>()).add(event);
                continue;
            }
            batch.add(event);
            if (noise.duplicate()) {
                redelivered.add(event);
            }
            GeneratedEvent invalid = noise.invalidVariantOf(event);
            if (invalid != null) {
                batch.add(invalid);
            }
        }
        // Late events arrive mid-day, after newer ones; duplicates at the end, as a redelivery would.
        batch.addAll(batch.size() / 2, heldBack.getOrDefault(day, List.of()));
        heldBack.remove(day);
        batch.addAll(redelivered);
        return batch;
    }

    private static Persona pickPersona(double draw) {
        double cumulative = 0;
        for (Persona persona : Persona.values()) {
            cumulative += persona.share();
            if (draw < cumulative) {
                return persona;
            }
        }
        return Persona.HEALTHY;
    }
}
