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
        Map<Priority, Long> openByPriority = new EnumMap<>(Priority.class);
        long escalated = 0;
        for (AccountState.TicketRecord ticket : state.tickets().values()) {
            if (ticket.isOpen()) {
                openByPriority.merge(ticket.priority(), 1L, Long::sum);
                escalated += ticket.escalated() ? 1 : 0;
            }
        }
        List<String> reasons = new ArrayList<>();
        double penalty = 0;
        // Most severe first, so the explanation starts with what weighs most.
        for (Priority priority : List.of(Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW)) {
            Long open = openByPriority.get(priority);
            if (open != null) {
                double points = open * rules.penaltyFor(priority);
                penalty += points;
                String name = priority.name().toLowerCase(Locale.ROOT);
                reasons.add(Points.plural(open, "open " + name + " ticket", "open " + name + " tickets")
                        + " (-" + Points.format(points) + ")");
            }
        }
        if (escalated > 0) {
            double points = escalated * rules.escalated();
            penalty += points;
            reasons.add(Points.plural(escalated, "escalated ticket", "escalated tickets") + " (-" + Points.format(points)
                    + ")");
        }
        double score = Math.max(0, 100 - penalty);
        if (reasons.isEmpty()) {
            return new ComponentScore("support", score, "no open tickets");
        }
        return new ComponentScore("support", score, String.join(", ", reasons) + (penalty > 100 ? ", floored at 0" : ""));
    }
}
