package io.healthstream.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** S = 100 minus a penalty per open ticket by priority, plus one per escalated open ticket; floor 0. */
final class SupportScore {
    private SupportScore() {
    }

    static ComponentScore compute(AccountState state, ModelConfig config) {
        ModelConfig.SupportRules rules = config.support();
        double weight = config.weights().support();
        Map<Priority, Long> openByPriority = new EnumMap<>(Priority.class);
        long escalated = 0;
        for (AccountState.TicketRecord ticket : state.tickets.values()) {
            if (ticket.isOpen()) {
                openByPriority.merge(ticket.priority(), 1L, Long::sum);
                escalated += ticket.escalated() ? 1 : 0;
            }
        }
        List<Driver> drivers = new ArrayList<>();
        double penalty = 0;
        for (Map.Entry<Priority, Long> entry : openByPriority.entrySet()) {
            double points = entry.getValue() * rules.penaltyFor(entry.getKey());
            penalty += points;
            drivers.add(new Driver("support", Points.plural(entry.getValue(),
                    "open " + entry.getKey().name().toLowerCase(Locale.ROOT) + " ticket",
                    "open " + entry.getKey().name().toLowerCase(Locale.ROOT) + " tickets")
                    + ": -" + Points.format(points) + " support", -weight * points));
        }
        if (escalated > 0) {
            double points = escalated * rules.escalated();
            penalty += points;
            drivers.add(new Driver("support", Points.plural(escalated, "escalated ticket", "escalated tickets")
                    + ": -" + Points.format(points) + " support", -weight * points));
        }
        double score = Math.max(0, 100 - penalty);
        if (penalty > 100) {
            // The drivers above name each penalty in full; this one says how much of it the floor absorbed.
            drivers.add(new Driver("support", "support floored at 0: +" + Points.format(penalty - 100) + " support",
                    weight * (penalty - 100)));
        }
        if (drivers.isEmpty()) {
            drivers.add(new Driver("support", "no open tickets: 100 support", weight * 100));
        }
        return new ComponentScore(score, drivers);
    }
}
