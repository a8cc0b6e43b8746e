package io.healthstream.benchmarks;

import io.healthstream.app.Settings;
import io.healthstream.scoring.AccountEvent;
import io.healthstream.scoring.ModelConfig;
import io.healthstream.scoring.intake.AccountIntake;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.scoring.intake.Step;
import io.healthstream.tools.generator.GeneratedEvent;
import io.healthstream.tools.generator.PortfolioSimulation;
import io.healthstream.tools.generator.PortfolioSpec;
import io.healthstream.topology.EventMapper;
import io.healthstream.topology.InputLimits;
import io.healthstream.topology.InvalidEventException;
import io.healthstream.topology.TopologySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The account the benchmarks work on: of the generator's portfolio (200 accounts, 30 days, seed 42, the
 * generator's model from demo.properties), the one with the median number of events, with those events
 * applied in order as the engine applies them.
 *
 * @param model   the generator's model
 * @param intake  the intake built from it
 * @param memory  everything kept about the account after its last event
 * @param beforeLast everything kept about it before its last event, and {@code due} its next due time then
 * @param events  its input records in publication order
 * @param applied those the engine takes (not the contract-breaking ones), as the domain sees them
 * @param end     the time of its last event
 */
public record TypicalAccount(
        ModelConfig model,
        AccountIntake intake,
        AccountMemory memory,
        AccountMemory beforeLast,
        Instant due,
        List<GeneratedEvent> events,
        List<AccountEvent> applied,
        Instant end) {
    private static final Instant END = Instant.parse("2026-12-01T00:00:00Z");

    public static TypicalAccount build() {
        TopologySettings topology = Settings.of(demoModel()).topology();
        AccountIntake intake = new AccountIntake(topology.segments(), topology.kpis());
        List<GeneratedEvent> events = medianAccount();
        EventMapper mapper = new EventMapper(InputLimits.DEFAULTS);
        List<AccountEvent> applied = new ArrayList<>();
        AccountMemory memory = AccountMemory.NEW;
        AccountMemory beforeLast = memory;
        Instant due = null;
        Instant dueBeforeLast = null;
        for (GeneratedEvent event : events) {
            beforeLast = memory;
            dueBeforeLast = due;
            AccountEvent domain;
            try {
                domain = mapper.toDomain(
                        event.key(), event.value(), event.occurredAt().toEpochMilli());
            } catch (InvalidEventException deadLettered) {
                continue; // the generator's contract-breaking noise: the engine dead-letters it
            }
            applied.add(domain);
            Step step = intake.onEvent(memory, domain, event.occurredAt(), due);
            memory = step.memory();
            due = step.nextDue().orElse(null);
        }
        return new TypicalAccount(
                topology.segments().base(),
                intake,
                memory,
                beforeLast,
                dueBeforeLast,
                events,
                applied,
                events.get(events.size() - 1).occurredAt());
    }

    private static List<GeneratedEvent> medianAccount() {
        PortfolioSimulation simulation = new PortfolioSimulation(new PortfolioSpec(200, 30, 42, END));
        Map<String, List<GeneratedEvent>> byAccount = new HashMap<>();
        while (simulation.hasNextDay()) {
            for (GeneratedEvent event : simulation.simulateNextDay()) {
                byAccount.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
            }
        }
        List<List<GeneratedEvent>> accounts = new ArrayList<>(byAccount.values());
        accounts.sort(Comparator.comparingInt((List<GeneratedEvent> account) -> account.size())
                .thenComparing(account -> account.get(0).key()));
        return accounts.get(accounts.size() / 2);
    }

    private static Map<String, String> demoModel() {
        Properties properties = new Properties();
        try (InputStream in = TypicalAccount.class.getResourceAsStream("/demo.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> model = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> model.put(name, properties.getProperty(name)));
        return model;
    }
}
