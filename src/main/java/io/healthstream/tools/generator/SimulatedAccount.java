package io.healthstream.tools.generator;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One customer account living through its {@link Persona}'s story, day by day. Everything random
 * comes from the account's own generator, so an account's events do not depend on the others.
 */
final class SimulatedAccount {
    private static final int TRIAL_DAYS = 14;
    private static final double[] DAILY_SHARE_BY_ACTION = {0.4, 0.35, 0.25}; // login, report, dashboard
    private static final CancellationReason[] REASONS = {
        CancellationReason.COMPETITOR,
        CancellationReason.PRICE,
        CancellationReason.MISSING_FEATURES,
        CancellationReason.SUPPORT_QUALITY,
        CancellationReason.BUSINESS_CLOSED,
        CancellationReason.DOWNGRADED_TO_FREE
    };

    private final String id;
    private final Persona persona;
    private final SplittableRandom random;
    private final EventFactory events;
    private final int surveyOffset;
    /** Day the story turns: trial start, decline start, contraction, expansion or silence. */
    private final int turnDay;
    /** Days the decline takes from first slip to cancellation. */
    private final int declineDays;

    private final double baseIntensity;
    private final double peakIntensity;
    private final int days;
    private final Map<String, Integer> resolveOnDay = new HashMap<>();
    private final Map<String, TicketPriority> openTickets = new HashMap<>();

    private Plan plan;
    private int seats;
    private final List<String> addons = new ArrayList<>();
    private boolean subscribed;
    private boolean gone;
    private int paymentRecoveryDay = -1;
    private int onboardingStepsDone;

    SimulatedAccount(int index, Persona persona, PortfolioSpec spec) {
        this.id = String.format("acc-%05d", index);
        this.persona = persona;
        this.days = spec.days();
        this.random = new SplittableRandom(spec.seed() * 1_000_003L + index);
        this.events = new EventFactory(id);
        this.surveyOffset = index % 30;
        this.plan = persona.isTrial() ? Catalog.PLANS.get(random.nextInt(2)) : Catalog.PLANS.get(weightedPlanIndex());
        this.seats = Math.max(1, plan.typicalSeats() / 2 + random.nextInt(plan.typicalSeats() + 1));
        this.turnDay = persona.isTrial()
                ? random.nextInt(Math.max(1, days - TRIAL_DAYS - 2))
                : (int) (days * (0.08 + 0.45 * random.nextDouble()));
        this.declineDays = 14 + random.nextInt(14);
        this.baseIntensity = switch (persona) {
            case CONTRACTING -> 0.55 + 0.25 * random.nextDouble();
            case EXPANDING -> 1.5 + 0.2 * random.nextDouble();
            case TRIAL_EXPIRING -> 0.15;
            default -> 0.8 + 0.2 * random.nextDouble();
        };
        this.peakIntensity = persona == Persona.EXPANDING ? 1.9 + 0.4 * random.nextDouble() : baseIntensity;
    }

    String id() {
        return id;
    }

    Persona persona() {
        return persona;
    }

    /** The account's events of simulated {@code day}, which starts at event time {@code dayStart}. */
    List<GeneratedEvent> live(int day, Instant dayStart) {
        List<GeneratedEvent> today = new ArrayList<>();
        if (gone) {
            return today;
        }
        if (day == 0 && !persona.isTrial()) {
            subscribe(today, at(dayStart, 0, 2));
        }
        if (persona.isTrial() && day == turnDay) {
            startTrial(today, at(dayStart, 0, 4));
        }
        if (!subscribed && !(persona.isTrial() && day >= turnDay)) {
            return today;
        }
        story(today, day, dayStart);
        if (!gone) {
            usage(today, day, dayStart);
            survey(today, day, dayStart);
            resolveTickets(today, day, dayStart);
        }
        return today;
    }

    private void story(List<GeneratedEvent> today, int day, Instant dayStart) {
        switch (persona) {
            case HEALTHY -> everyday(today, day, dayStart, 0.02, 0.004);
            case DECLINING -> decline(today, day, dayStart);
            case CONTRACTING -> contraction(today, day, dayStart);
            case EXPANDING -> expansion(today, day, dayStart);
            case GOING_SILENT -> everyday(today, day, dayStart, 0.02, 0.0);
            case TRIAL_CONVERTING -> trial(today, day, dayStart, true);
            case TRIAL_EXPIRING -> trial(today, day, dayStart, false);
        }
    }

    private void subscribe(List<GeneratedEvent> today, Instant at) {
        subscribed = true;
        today.add(events.subscription(
                at, SubscriptionEventType.SUBSCRIPTION_STARTED, plan.name(), seats, 0, mrr(), null, null));
        if (persona == Persona.CONTRACTING || random.nextDouble() < 0.25) {
            String addon = Catalog.ADDONS.get(random.nextInt(Catalog.ADDONS.size()));
            long before = mrr();
            addons.add(addon);
            today.add(events.subscription(
                    at.plusSeconds(60),
                    SubscriptionEventType.ADDON_ADDED,
                    plan.name(),
                    seats,
                    before,
                    mrr(),
                    addon,
                    null));
        }
    }

    private void startTrial(List<GeneratedEvent> today, Instant at) {
        seats = 1 + random.nextInt(3);
        today.add(events.subscription(at, SubscriptionEventType.TRIAL_STARTED, plan.name(), seats, 0, 0, null, null));
        onboardingStep(today, at.plusSeconds(600));
    }

    private void everyday(
            List<GeneratedEvent> today, int day, Instant dayStart, double ticketChance, double paymentFailureChance) {
        if (random.nextDouble() < ticketChance) {
            openTicket(
                    today,
                    at(dayStart, 8, 18),
                    random.nextBoolean() ? TicketPriority.LOW : TicketPriority.NORMAL,
                    day + 1 + random.nextInt(3));
        }
        if (day == paymentRecoveryDay) {
            today.add(billing(at(dayStart, 2, 6), SubscriptionEventType.PAYMENT_SUCCEEDED));
            paymentRecoveryDay = -1;
        } else if (paymentRecoveryDay < 0 && random.nextDouble() < paymentFailureChance) {
            today.add(billing(at(dayStart, 1, 3), SubscriptionEventType.PAYMENT_FAILED));
            paymentRecoveryDay = day + 1 + random.nextInt(3);
        }
    }

    private void decline(List<GeneratedEvent> today, int day, Instant dayStart) {
        if (day < turnDay) {
            everyday(today, day, dayStart, 0.02, 0.0);
            return;
        }
        int into = day - turnDay;
        if (random.nextDouble() < 0.15) {
            TicketPriority priority = random.nextBoolean() ? TicketPriority.HIGH : TicketPriority.URGENT;
            Instant opened = at(dayStart, 8, 12);
            String ticket = openTicket(today, opened, priority, Integer.MAX_VALUE);
            if (random.nextDouble() < 0.3) {
                today.add(events.ticket(opened.plus(Duration.ofHours(4)), ticket, TicketStatus.ESCALATED, priority));
            }
        }
        if (into == declineDays / 3) {
            today.add(events.nps(
                    at(dayStart, 9, 20), user(0), random.nextInt(6), "Too slow, and support is not answering"));
        }
        if (into == declineDays * 2 / 3) {
            today.add(billing(at(dayStart, 1, 3), SubscriptionEventType.PAYMENT_FAILED));
        }
        if (into == declineDays) {
            long before = mrr();
            today.add(events.subscription(
                    at(dayStart, 9, 17),
                    SubscriptionEventType.CANCELLED,
                    plan.name(),
                    seats,
                    before,
                    0,
                    null,
                    REASONS[random.nextInt(REASONS.length)]));
            gone = true;
        }
    }

    private void contraction(List<GeneratedEvent> today, int day, Instant dayStart) {
        everyday(today, day, dayStart, 0.03, 0.004);
        if (day == turnDay || (day == turnDay + 7 && random.nextBoolean())) {
            Instant at = at(dayStart, 9, 17);
            long before = mrr();
            int kind = random.nextInt(3);
            if (kind == 0 && Catalog.cheaper(plan) != plan) {
                plan = Catalog.cheaper(plan);
                today.add(events.subscription(
                        at, SubscriptionEventType.PLAN_DOWNGRADED, plan.name(), seats, before, mrr(), null, null));
            } else if (kind == 1 && !addons.isEmpty()) {
                String addon = addons.remove(0);
                today.add(events.subscription(
                        at, SubscriptionEventType.ADDON_REMOVED, plan.name(), seats, before, mrr(), addon, null));
            } else if (seats > 1) {
                seats -= Math.max(1, seats / 4);
                today.add(events.subscription(
                        at, SubscriptionEventType.SEATS_REMOVED, plan.name(), seats, before, mrr(), null, null));
            }
        }
    }

    private void expansion(List<GeneratedEvent> today, int day, Instant dayStart) {
        everyday(today, day, dayStart, 0.01, 0.002);
        if (random.nextDouble() < 0.2) {
            Instant at = at(dayStart, 9, 17);
            int invites = 1 + random.nextInt(3);
            today.add(events.usage(at, user(0), Catalog.INVITE_SENT, invites, null));
            today.add(events.usage(at.plus(Duration.ofHours(5)), user(seats), Catalog.INVITE_ACCEPTED, 1, null));
        }
        long before = mrr();
        Instant at = at(dayStart, 9, 17);
        if (day == turnDay) {
            seats += Math.max(1, seats / 3);
            today.add(events.subscription(
                    at, SubscriptionEventType.SEATS_ADDED, plan.name(), seats, before, mrr(), null, null));
        } else if (day == turnDay + 7 && addons.size() < Catalog.ADDONS.size()) {
            String addon = Catalog.ADDONS.stream()
                    .filter(a -> !addons.contains(a))
                    .findFirst()
                    .orElseThrow();
            addons.add(addon);
            today.add(events.subscription(
                    at, SubscriptionEventType.ADDON_ADDED, plan.name(), seats, before, mrr(), addon, null));
        } else if (day == turnDay + 30 && Catalog.dearer(plan) != plan && random.nextDouble() < 0.4) {
            plan = Catalog.dearer(plan);
            today.add(events.subscription(
                    at, SubscriptionEventType.PLAN_UPGRADED, plan.name(), seats, before, mrr(), null, null));
        }
    }

    private void trial(List<GeneratedEvent> today, int day, Instant dayStart, boolean converts) {
        int into = day - turnDay;
        boolean stepToday = converts ? (into == 1 || into == 3) : (into == 2 && random.nextBoolean());
        if (stepToday && onboardingStepsDone < Catalog.ONBOARDING_STEPS.size()) {
            onboardingStep(today, at(dayStart, 9, 17));
        }
        if (into == TRIAL_DAYS) {
            Instant at = at(dayStart, 0, 2);
            if (converts) {
                subscribed = true;
                today.add(events.subscription(
                        at, SubscriptionEventType.TRIAL_CONVERTED, plan.name(), seats, 0, mrr(), null, null));
            } else {
                today.add(events.subscription(
                        at, SubscriptionEventType.TRIAL_EXPIRED, plan.name(), seats, 0, 0, null, null));
                gone = true;
            }
        }
    }

    private void onboardingStep(List<GeneratedEvent> today, Instant at) {
        String step = Catalog.ONBOARDING_STEPS.get(onboardingStepsDone++);
        today.add(events.usage(at, user(0), Catalog.ONBOARDING_STEP, 1, step));
    }

    private void usage(List<GeneratedEvent> today, int day, Instant dayStart) {
        double value = plan.expectedUsage() / 30 * intensity(day) * (0.75 + 0.5 * random.nextDouble());
        String[] actions = {Catalog.LOGIN, Catalog.REPORT_EXPORTED, Catalog.DASHBOARD_CREATED};
        for (int i = 0; i < actions.length; i++) {
            int count = randomRound(value * DAILY_SHARE_BY_ACTION[i] / Catalog.IMPACTS.get(actions[i]));
            if (count > 0) {
                today.add(events.usage(at(dayStart, 7, 20), user(random.nextInt(seats)), actions[i], count, null));
            }
        }
    }

    private double intensity(int day) {
        return switch (persona) {
            case DECLINING ->
                day < turnDay
                        ? baseIntensity
                        : Math.max(0.03, baseIntensity * (1 - (day - turnDay) / (double) declineDays));
            case CONTRACTING -> day < turnDay ? baseIntensity : baseIntensity * 0.7;
            case EXPANDING -> baseIntensity + (peakIntensity - baseIntensity) * day / Math.max(1, days - 1);
            case GOING_SILENT -> day < turnDay ? baseIntensity : 0;
            case TRIAL_EXPIRING -> day - turnDay < 4 ? baseIntensity : 0.02;
            default -> baseIntensity;
        };
    }

    private void survey(List<GeneratedEvent> today, int day, Instant dayStart) {
        if (day % 30 != surveyOffset) {
            return;
        }
        int respondents = 1 + random.nextInt(2);
        for (int i = 0; i < respondents; i++) {
            int score = switch (persona) {
                case HEALTHY, TRIAL_CONVERTING -> 7 + random.nextInt(4);
                case EXPANDING -> 9 + random.nextInt(2);
                case CONTRACTING -> 5 + random.nextInt(4);
                case DECLINING -> day < turnDay ? 6 + random.nextInt(4) : random.nextInt(6);
                default -> 3 + random.nextInt(6);
            };
            today.add(events.nps(at(dayStart, 8, 20), user(i), score, null));
        }
    }

    private String openTicket(List<GeneratedEvent> today, Instant at, TicketPriority priority, int resolveDay) {
        String ticket = events.nextTicketId();
        today.add(events.ticket(at, ticket, TicketStatus.OPENED, priority));
        openTickets.put(ticket, priority);
        resolveOnDay.put(ticket, resolveDay);
        return ticket;
    }

    private void resolveTickets(List<GeneratedEvent> today, int day, Instant dayStart) {
        List<String> due = resolveOnDay.entrySet().stream()
                .filter(e -> e.getValue() == day)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        for (String ticket : due) {
            today.add(events.ticket(at(dayStart, 8, 18), ticket, TicketStatus.RESOLVED, openTickets.remove(ticket)));
            resolveOnDay.remove(ticket);
        }
    }

    private GeneratedEvent billing(Instant at, SubscriptionEventType type) {
        return events.subscription(at, type, plan.name(), seats, mrr(), mrr(), null, null);
    }

    private long mrr() {
        return seats * plan.pricePerSeat() + addons.size() * Catalog.ADDON_PRICE;
    }

    private int weightedPlanIndex() {
        double r = random.nextDouble();
        return r < 0.45 ? 0 : r < 0.80 ? 1 : r < 0.95 ? 2 : 3;
    }

    private String user(int index) {
        return id + "-user-" + Math.min(index, 9);
    }

    /** A random moment of the day between the two hours (UTC), to the second. */
    private Instant at(Instant dayStart, int fromHour, int toHour) {
        return dayStart.plusSeconds(fromHour * 3600L + random.nextInt((toHour - fromHour) * 3600));
    }

    private int randomRound(double amount) {
        int whole = (int) amount;
        return whole + (random.nextDouble() < amount - whole ? 1 : 0);
    }
}
