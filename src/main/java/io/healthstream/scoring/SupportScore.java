package io.healthstream.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** S = 100 minus a penalty per open ticket by priority, plus one per escalated open ticket; floor 0. */
final class SupportScore {
    private SupportScore() {}

    /** Most severe first, so the explanation starts with what weighs most. */
    private static final List<Priority> SEVERITY =
            List.of(Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW);

    static ComponentScore compute(AccountState state, ModelConfig config) {
        ModelConfig.SupportRules rules = config.support();
        Map<Priority, Long> openByPriority = new EnumMap<>(Priority.class);
        long escalatedOpen = 0;
        for (AccountState.TicketRecord ticket : state.tickets().values()) {
            if (ticket.isOpen()) {
                openByPriority.merge(ticket.priority(), 1L, Long::sum);
                escalatedOpen += ticket.escalated() ? 1 : 0;
            }
        }
        long escalated = escalatedOpen;
        double penalty = escalated * rules.escalated();
        for (Map.Entry<Priority, Long> open : openByPriority.entrySet()) {
            penalty += open.getValue() * rules.penaltyFor(open.getKey());
        }
        double total = penalty;
        return new ComponentScore(
                "support", Math.max(0, 100 - penalty), () -> explain(openByPriority, escalated, total, rules));
    }

    private static String explain(
            Map<Priority, Long> openByPriority, long escalated, double penalty, ModelConfig.SupportRules rules) {
        List<String> reasons = new ArrayList<>();
        for (Priority priority : SEVERITY) {
            Long open = openByPriority.get(priority);
            if (open != null) {
                String name = priority.name().toLowerCase(Locale.ROOT);
                reasons.add(Points.plural(open, "open " + name + " ticket", "open " + name + " tickets") + " (-"
                        + Points.format(open * rules.penaltyFor(priority)) + ")");
            }
        }
        if (escalated > 0) {
            reasons.add(Points.plural(escalated, "escalated ticket", "escalated tickets") + " (-"
                    + Points.format(escalated * rules.escalated()) + ")");
        }
        if (reasons.isEmpty()) {
            return "no open tickets";
        }
        return String.join(", ", reasons) + (penalty > 100 ? ", floored at 0" : "");
    }
}
