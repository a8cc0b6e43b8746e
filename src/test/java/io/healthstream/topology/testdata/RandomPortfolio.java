package io.healthstream.topology.testdata;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deterministic portfolio of subscription, usage and NPS events between {@link #FROM} and
 * {@link #UNTIL}, in arrival order: about one event in twelve of usage and NPS, and one in twenty of
 * the later subscription events, arrive up to 36 hours late (inside the KPI grace period); about 3 %
 * arrive twice. An account's subscription events keep their order, and its first one arrives first,
 * as a billing system publishes them. One last login at {@link #CLOSING_LOGIN} closes June.
 */
public final class RandomPortfolio {
    public static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2026-06-30T00:00:00Z");
    /** After June's two days of grace, so June's KPIs become final. */
    public static final Instant CLOSING_LOGIN = Instant.parse("2026-07-03T00:00:00Z");

    public static final List<String> ONBOARDING_STEPS = List.of("signup", "connect_api", "first_report");

    private static final long[] PRICES = {2_900, 9_900, 49_900};
    private static final Duration MAX_DELAY = Duration.ofHours(36);

    private final Random random;
    private final List<Arrival> arrivals = new ArrayList<>();
    private long sequence;

    private RandomPortfolio(long seed) {
        this.random = new Random(seed);
    }

    /** The events of {@code accounts} accounts, in the order they arrive. */
    public static List<SpecificRecord> generate(long seed, int accounts) {
        RandomPortfolio generator = new RandomPortfolio(seed);
        for (int i = 0; i < accounts; i++) {
            generator.account("acc-" + i, i % 3 == 0 ? "EUR" : "USD");
        }
        generator.arrive(
                Events.usage()
                        .id("u-closing")
                        .account("acc-1")
                        .user("user-0")
                        .at(CLOSING_LOGIN)
                        .action("login")
                        .avro(),
                CLOSING_LOGIN,
                false);
        generator.arrivals.sort(Comparator.comparing(Arrival::at).thenComparingLong(Arrival::sequence));
        return generator.arrivals.stream().map(Arrival::event).toList();
    }

    private record Arrival(Instant at, long sequence, SpecificRecord event) {}

    private void account(String id, String currency) {
        Instant signup = FROM.plusSeconds(random.nextInt(random.nextInt(4) == 0 ? 10 * 86_400 : 170 * 86_400));
        List<SubscriptionEvent> billing = new Subscriptions(id, currency).lifecycle(signup);
        for (int i = 0; i < billing.size(); i++) {
            SubscriptionEvent event = billing.get(i);
            Instant next = i + 1 < billing.size() ? billing.get(i + 1).getOccurredAt() : Instant.MAX;
            boolean mayBeLate = i > 0 && next.isAfter(event.getOccurredAt().plus(MAX_DELAY)) && random.nextInt(20) == 0;
            arrive(event, event.getOccurredAt(), mayBeLate);
        }
        Instant activeUntil = billing.stream()
                .filter(e -> e.getType() == SubscriptionEventType.CANCELLED
                        || e.getType() == SubscriptionEventType.TRIAL_EXPIRED)
                .map(SubscriptionEvent::getOccurredAt)
                .findFirst()
                .orElse(UNTIL);
        usage(id, signup, activeUntil);
    }

    private void usage(String account, Instant signup, Instant until) {
        int users = 1 + random.nextInt(5);
        int n = 0;
        Instant step = signup.plus(Duration.ofHours(1));
        for (String name : ONBOARDING_STEPS) {
            if (step.isAfter(until) || random.nextInt(7) == 0) {
                break;
            }
            arrive(
                    Events.usage()
                            .id("u-" + account + "-" + n++)
                            .account(account)
                            .user("user-0")
                            .at(step)
                            .action("onboarding_step_completed")
                            .step(name)
                            .avro(),
                    step,
                    false);
            step = step.plusSeconds(3_600 + random.nextInt(4 * 86_400));
        }
        for (Instant week = signup.plus(Duration.ofHours(2));
                week.isBefore(until);
                week = week.plus(Duration.ofDays(7))) {
            for (int u = 0; u < users; u++) {
                String user = "user-" + u;
                for (int login = random.nextInt(4); login > 0; login--) {
                    n = action(account, n, user, week, until, "login", 1);
                }
                if (random.nextInt(10) == 0) {
                    n = action(account, n, user, week, until, "invite_sent", 1 + random.nextInt(3));
                }
                if (random.nextInt(16) == 0) {
                    n = action(account, n, user, week, until, "invite_accepted", 1);
                }
                if (random.nextInt(7) == 0) {
                    n = action(account, n, user, week, until, "report_exported", 1);
                }
                Instant answered = week.plusSeconds(random.nextInt(7 * 86_400));
                if (random.nextInt(10) == 0 && answered.isBefore(until)) {
                    arrive(
                            Events.nps(random.nextInt(11))
                                    .id("n-" + account + "-" + n++)
                                    .account(account)
                                    .user(user)
                                    .at(answered)
                                    .avro(),
                            answered,
                            true);
                }
            }
        }
    }

    private int action(String account, int n, String user, Instant week, Instant until, String action, int count) {
        Instant at = week.plusSeconds(random.nextInt(7 * 86_400));
        if (at.isBefore(until)) {
            arrive(
                    Events.usage()
                            .id("u-" + account + "-" + n)
                            .account(account)
                            .user(user)
                            .at(at)
                            .action(action)
                            .count(count)
                            .avro(),
                    at,
                    true);
        }
        return n + 1;
    }

    private void arrive(SpecificRecord event, Instant occurredAt, boolean mayBeLate) {
        Instant at = occurredAt;
        if (mayBeLate && random.nextInt(12) == 0) {
            at = at.plusSeconds(60 + random.nextInt((int) MAX_DELAY.toSeconds() - 60));
        }
        arrivals.add(new Arrival(at, sequence++, event));
        if (random.nextInt(33) == 0) {
            arrivals.add(new Arrival(at.plusSeconds(random.nextInt(3 * 86_400)), sequence++, event));
        }
    }

    /** One account's billing history, in order; MRR before each event is the MRR after the previous one. */
    private final class Subscriptions {
        private final String account;
        private final String currency;
        private final List<SubscriptionEvent> events = new ArrayList<>();
        private long mrr;

        Subscriptions(String account, String currency) {
            this.account = account;
            this.currency = currency;
        }

        List<SubscriptionEvent> lifecycle(Instant signup) {
            Instant t = signup;
            long price = PRICES[random.nextInt(PRICES.length)];
            if (random.nextInt(5) < 2) {
                add(t, SubscriptionEventType.TRIAL_STARTED, 0, null);
                t = t.plus(Duration.ofDays(14)).plusSeconds(random.nextInt(3_600));
                if (t.isAfter(UNTIL)) {
                    return events;
                }
                if (random.nextInt(5) < 2) {
                    add(t, SubscriptionEventType.TRIAL_EXPIRED, 0, null);
                    return events;
                }
                add(t, SubscriptionEventType.TRIAL_CONVERTED, price, null);
            } else {
                add(t, SubscriptionEventType.SUBSCRIPTION_STARTED, price, null);
            }
            while (true) {
                t = t.plus(Duration.ofDays(5 + random.nextInt(20))).plusSeconds(random.nextInt(86_400));
                if (t.isAfter(UNTIL)) {
                    return events;
                }
                int roll = random.nextInt(100);
                if (roll < 12) {
                    CancellationReason[] reasons = CancellationReason.values();
                    add(t, SubscriptionEventType.CANCELLED, 0, reasons[random.nextInt(reasons.length)]);
                    t = t.plus(Duration.ofDays(10 + random.nextInt(30)));
                    if (random.nextInt(4) > 0 || t.isAfter(UNTIL)) {
                        return events;
                    }
                    add(t, SubscriptionEventType.REACTIVATED, PRICES[random.nextInt(PRICES.length)], null);
                } else if (roll < 27) {
                    add(t, SubscriptionEventType.PLAN_UPGRADED, mrr + 2_000 + random.nextInt(8_000), null);
                } else if (roll < 37) {
                    add(t, SubscriptionEventType.PLAN_DOWNGRADED, Math.max(1_000, mrr / 2), null);
                } else if (roll < 47) {
                    add(t, SubscriptionEventType.SEATS_ADDED, mrr + 500 + random.nextInt(2_500), null);
                } else if (roll < 55) {
                    add(
                            t,
                            SubscriptionEventType.SEATS_REMOVED,
                            Math.max(1_000, mrr - 500 - random.nextInt(1_500)),
                            null);
                } else if (roll < 63) {
                    add(t, SubscriptionEventType.ADDON_ADDED, mrr + 1_500, null);
                } else if (roll < 69 && mrr > 2_500) {
                    add(t, SubscriptionEventType.ADDON_REMOVED, mrr - 1_500, null);
                } else if (roll < 79) {
                    add(t, SubscriptionEventType.PAYMENT_FAILED, mrr, null);
                    int wait = random.nextInt(3_600);
                    // About one failed payment in ten is paid only after 40 days: delinquent churn, then reactivation.
                    t = t.plus(Duration.ofDays(wait < 360 ? 40 : 2)).plusSeconds(wait);
                    if (t.isAfter(UNTIL)) {
                        return events;
                    }
                    add(t, SubscriptionEventType.PAYMENT_SUCCEEDED, mrr, null);
                } else {
                    add(t, SubscriptionEventType.RENEWED, mrr, null);
                }
            }
        }

        private void add(Instant at, SubscriptionEventType type, long mrrAfter, CancellationReason reason) {
            events.add(Events.subscription(SubscriptionChange.valueOf(type.name()))
                    .id("s-" + account + "-" + events.size())
                    .account(account)
                    .at(at)
                    .seats(1)
                    .mrr(0)
                    .currency(currency)
                    .mrrBefore(mrr)
                    .mrrAfter(mrrAfter)
                    .cancellationReason(reason == null ? null : reason.name())
                    .avro());
            mrr = mrrAfter;
        }
    }
}
