package io.healthstream.testdata;

import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.TicketUpdate;
import io.healthstream.scoring.UsageActivity;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builders for the scoring package's domain events with valid defaults, so a test states only what
 * matters: {@code Events.usage().action("login").count(50).at(T0).build()}.
 */
public final class Events {
    /** The fixed start of every test's timeline. */
    public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Events() {
    }

    /** A subscription event: defaults to plan "pro", 5 seats, 10 000 -> 10 000 USD minor units at T0. */
    public static SubscriptionBuilder subscription(SubscriptionChange change) {
        return new SubscriptionBuilder(change);
    }

    /** A usage event: defaults to 1 "login" by user "u-1" at T0. */
    public static UsageBuilder usage() {
        return new UsageBuilder();
    }

    /** An NPS answer by user "u-1" at T0. */
    public static NpsBuilder nps(int score) {
        return new NpsBuilder(score);
    }

    /** A ticket event: defaults to OPENED, NORMAL priority at T0. */
    public static TicketBuilder ticket(String ticketId) {
        return new TicketBuilder(ticketId);
    }

    private static String nextId(String kind) {
        return kind + "-" + SEQUENCE.incrementAndGet();
    }

    public static final class SubscriptionBuilder {
        private final SubscriptionChange change;
        private String eventId;
        private Instant at = T0;
        private String plan = "pro";
        private int seats = 5;
        private long mrrBefore = 10_000;
        private long mrrAfter = 10_000;
        private String currency = "USD";
        private String addon;
        private String cancellationReason;

        private SubscriptionBuilder(SubscriptionChange change) {
            this.change = change;
        }

        public SubscriptionBuilder id(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public SubscriptionBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        public SubscriptionBuilder plan(String plan) {
            this.plan = plan;
            return this;
        }

        public SubscriptionBuilder seats(int seats) {
            this.seats = seats;
            return this;
        }

        /** Sets both MRR before and after: a change that does not move revenue. */
        public SubscriptionBuilder mrr(long mrr) {
            this.mrrBefore = mrr;
            this.mrrAfter = mrr;
            return this;
        }

        public SubscriptionBuilder mrr(long before, long after) {
            this.mrrBefore = before;
            this.mrrAfter = after;
            return this;
        }

        public SubscriptionBuilder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public SubscriptionBuilder addon(String addon) {
            this.addon = addon;
            return this;
        }

        public SubscriptionBuilder cancellationReason(String reason) {
            this.cancellationReason = reason;
            return this;
        }

        public SubscriptionUpdate build() {
            return new SubscriptionUpdate(eventId != null ? eventId : nextId("sub"), at, change, plan, seats,
                    mrrBefore, mrrAfter, currency, addon, cancellationReason);
        }
    }

    public static final class UsageBuilder {
        private String eventId;
        private Instant at = T0;
        private String userId = "u-1";
        private String action = "login";
        private int count = 1;
        private String onboardingStep;

        private UsageBuilder() {
        }

        public UsageBuilder id(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public UsageBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        public UsageBuilder user(String userId) {
            this.userId = userId;
            return this;
        }

        public UsageBuilder action(String action) {
            this.action = action;
            return this;
        }

        public UsageBuilder count(int count) {
            this.count = count;
            return this;
        }

        /** An {@code onboarding_step_completed} event for {@code step}. */
        public UsageBuilder onboardingStep(String step) {
            this.action = "onboarding_step_completed";
            this.onboardingStep = step;
            return this;
        }

        public UsageActivity build() {
            return new UsageActivity(eventId != null ? eventId : nextId("usage"), at, userId, action, count,
                    onboardingStep);
        }
    }

    public static final class NpsBuilder {
        private final int score;
        private String eventId;
        private Instant at = T0;
        private String userId = "u-1";

        private NpsBuilder(int score) {
            this.score = score;
        }

        public NpsBuilder id(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public NpsBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        public NpsBuilder user(String userId) {
            this.userId = userId;
            return this;
        }

        public NpsAnswer build() {
            return new NpsAnswer(eventId != null ? eventId : nextId("nps"), at, userId, score);
        }
    }

    public static final class TicketBuilder {
        private final String ticketId;
        private String eventId;
        private Instant at = T0;
        private TicketStage stage = TicketStage.OPENED;
        private Priority priority = Priority.NORMAL;

        private TicketBuilder(String ticketId) {
            this.ticketId = ticketId;
        }

        public TicketBuilder id(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public TicketBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        public TicketBuilder stage(TicketStage stage) {
            this.stage = stage;
            return this;
        }

        public TicketBuilder priority(Priority priority) {
            this.priority = priority;
            return this;
        }

        public TicketUpdate build() {
            return new TicketUpdate(eventId != null ? eventId : nextId("ticket"), at, ticketId, stage, priority);
        }
    }
}
