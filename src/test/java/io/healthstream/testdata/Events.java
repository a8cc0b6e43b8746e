package io.healthstream.testdata;

import io.healthstream.avro.CancellationReason;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.NpsResponse;
import io.healthstream.avro.OverrideAction;
import io.healthstream.avro.SubscriptionEvent;
import io.healthstream.avro.SubscriptionEventType;
import io.healthstream.avro.SupportTicketEvent;
import io.healthstream.avro.TicketPriority;
import io.healthstream.avro.TicketStatus;
import io.healthstream.avro.UsageEvent;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.NpsAnswer;
import io.healthstream.scoring.OverrideCommand;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.SubscriptionUpdate;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.TicketUpdate;
import io.healthstream.scoring.UsageActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one set of event builders, with valid defaults, so a test states only what matters:
 * {@code Events.usage().action("login").count(50).at(T0).build()} is the domain event,
 * {@code Events.usage().account("acc-2").count(50).avro()} the input record for the same event (no value is
 * checked, so a test can build the records the contract forbids). Account "acc-1" unless set;
 * event ids are unique unless set.
 */
public final class Events {
    /** The fixed start of every test's timeline. */
    public static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    /** A time with milliseconds, which timestamp-millis must keep through a round trip. */
    public static final Instant PRECISE = Instant.parse("2026-01-01T00:00:00.123Z");

    private static final String ACCOUNT = "acc-1";

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Events() {}

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

    /** A CSM's override to GREEN by "alice" at T0, for 30 days; {@code lift()} turns it into a LIFT. */
    public static OverrideBuilder override() {
        return new OverrideBuilder();
    }

    /** A usage event with every field set, optional ones included: a serde round trip exercises each field. */
    public static UsageBuilder usageWithEveryField() {
        return usage().id("evt-1")
                .user("user-1")
                .at(PRECISE)
                .action("onboarding_step_completed")
                .count(3)
                .step("workspace_created");
    }

    /** A cancellation with every field set, optional ones included. */
    public static SubscriptionBuilder subscriptionWithEveryField() {
        return subscription(SubscriptionChange.CANCELLED)
                .id("evt-2")
                .at(PRECISE)
                .plan("pro")
                .seats(12)
                .mrr(120_000, 0)
                .currency("EUR")
                .addon("sso")
                .cancellationReason("COMPETITOR");
    }

    /** A ticket event with every field set. */
    public static TicketBuilder ticketWithEveryField() {
        return ticket("T-42")
                .id("evt-3")
                .at(PRECISE)
                .stage(TicketStage.ESCALATED)
                .priority(Priority.URGENT);
    }

    /** An NPS answer with every field set, the comment included. */
    public static NpsBuilder npsWithEveryField() {
        return nps(9).id("evt-4").user("user-1").at(PRECISE).comment("Great reports");
    }

    private static String nextId(String kind) {
        return kind + "-" + SEQUENCE.incrementAndGet();
    }

    public static final class SubscriptionBuilder {
        private final SubscriptionChange change;
        private String accountId = ACCOUNT;
        private String eventId;
        private Instant at = T0;
        private String plan = "pro";
        private int seats = 5;
        private long mrrBefore = 10_000;
        private long mrrAfter = 10_000;
        private String currency = "USD";
        private String addon;
        private String cancellationReason;
        private String segment;

        private SubscriptionBuilder(SubscriptionChange change) {
            this.change = change;
        }

        public SubscriptionBuilder account(String accountId) {
            this.accountId = accountId;
            return this;
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

        public SubscriptionBuilder mrrBefore(long mrrBefore) {
            this.mrrBefore = mrrBefore;
            return this;
        }

        public SubscriptionBuilder mrrAfter(long mrrAfter) {
            this.mrrAfter = mrrAfter;
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

        /** The segment attribute the billing service tags the account with. */
        public SubscriptionBuilder segment(String segment) {
            this.segment = segment;
            return this;
        }

        public SubscriptionUpdate build() {
            return new SubscriptionUpdate(
                    id(), at, change, plan, seats, mrrBefore, mrrAfter, currency, addon, cancellationReason, segment);
        }

        /** The input record of this event. */
        public SubscriptionEvent avro() {
            return SubscriptionEvent.newBuilder()
                    .setEventId(id())
                    .setAccountId(accountId)
                    .setOccurredAt(at)
                    .setType(SubscriptionEventType.valueOf(change.name()))
                    .setPlan(plan)
                    .setSeats(seats)
                    .setMrrBefore(mrrBefore)
                    .setMrrAfter(mrrAfter)
                    .setCurrency(currency)
                    .setAddon(addon)
                    .setCancellationReason(
                            cancellationReason == null ? null : CancellationReason.valueOf(cancellationReason))
                    .setSegment(segment)
                    .build();
        }

        private String id() {
            if (eventId == null) {
                eventId = nextId("sub");
            }
            return eventId;
        }
    }

    public static final class UsageBuilder {
        private String accountId = ACCOUNT;
        private String eventId;
        private Instant at = T0;
        private String userId = "u-1";
        private String action = "login";
        private int count = 1;
        private String onboardingStep;

        private UsageBuilder() {}

        public UsageBuilder account(String accountId) {
            this.accountId = accountId;
            return this;
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

        /** The onboarding step field alone, whatever the action (the contract allows any). */
        public UsageBuilder step(String step) {
            this.onboardingStep = step;
            return this;
        }

        /** An {@code onboarding_step_completed} event for {@code step}. */
        public UsageBuilder onboardingStep(String step) {
            this.action = "onboarding_step_completed";
            this.onboardingStep = step;
            return this;
        }

        public UsageActivity build() {
            return new UsageActivity(id(), at, userId, action, count, onboardingStep);
        }

        /** The input record of this event. */
        public UsageEvent avro() {
            return UsageEvent.newBuilder()
                    .setEventId(id())
                    .setAccountId(accountId)
                    .setUserId(userId)
                    .setOccurredAt(at)
                    .setAction(action)
                    .setCount(count)
                    .setOnboardingStep(onboardingStep)
                    .build();
        }

        private String id() {
            if (eventId == null) {
                eventId = nextId("usage");
            }
            return eventId;
        }
    }

    public static final class NpsBuilder {
        private final int score;
        private String accountId = ACCOUNT;
        private String eventId;
        private String comment;
        private Instant at = T0;
        private String userId = "u-1";

        private NpsBuilder(int score) {
            this.score = score;
        }

        public NpsBuilder account(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** Free text, in the input record only. */
        public NpsBuilder comment(String comment) {
            this.comment = comment;
            return this;
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
            return new NpsAnswer(id(), at, userId, score);
        }

        /** The input record of this event. */
        public NpsResponse avro() {
            return NpsResponse.newBuilder()
                    .setEventId(id())
                    .setAccountId(accountId)
                    .setUserId(userId)
                    .setOccurredAt(at)
                    .setScore(score)
                    .setComment(comment)
                    .build();
        }

        private String id() {
            if (eventId == null) {
                eventId = nextId("nps");
            }
            return eventId;
        }
    }

    public static final class OverrideBuilder {
        private String accountId = ACCOUNT;
        private String overrideId;
        private boolean lift;
        private Band band = Band.GREEN;
        private Double score;
        private String reason = "renewal signed";
        private String author = "alice";
        private Instant at = T0;
        private Instant expiresAt;

        private OverrideBuilder() {}

        public OverrideBuilder account(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public OverrideBuilder id(String overrideId) {
            this.overrideId = overrideId;
            return this;
        }

        public OverrideBuilder lift() {
            this.lift = true;
            this.band = null;
            return this;
        }

        public OverrideBuilder band(Band band) {
            this.band = band;
            return this;
        }

        /** Pins the score instead of the band. */
        public OverrideBuilder score(double score) {
            this.score = score;
            this.band = null;
            return this;
        }

        public OverrideBuilder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public OverrideBuilder at(Instant at) {
            this.at = at;
            return this;
        }

        public OverrideBuilder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public OverrideCommand build() {
            return lift
                    ? OverrideCommand.lift(id(), at, reason, author)
                    : OverrideCommand.set(id(), at, band, score, reason, author, expiry());
        }

        /** The input record of this command. */
        public HealthOverride avro() {
            return HealthOverride.newBuilder()
                    .setOverrideId(id())
                    .setAccountId(accountId)
                    .setAction(lift ? OverrideAction.LIFT : OverrideAction.SET)
                    .setBand(band == null ? null : HealthBand.valueOf(band.name()))
                    .setPinnedScore(score)
                    .setReason(reason)
                    .setAuthor(author)
                    .setExpiresAt(lift ? null : expiry())
                    .setCreatedAt(at)
                    .build();
        }

        private Instant expiry() {
            return expiresAt != null ? expiresAt : at.plus(Duration.ofDays(30));
        }

        private String id() {
            if (overrideId == null) {
                overrideId = nextId("ovr");
            }
            return overrideId;
        }
    }

    public static final class TicketBuilder {
        private final String ticketId;
        private String accountId = ACCOUNT;
        private String eventId;
        private Instant at = T0;
        private TicketStage stage = TicketStage.OPENED;
        private Priority priority = Priority.NORMAL;

        private TicketBuilder(String ticketId) {
            this.ticketId = ticketId;
        }

        public TicketBuilder account(String accountId) {
            this.accountId = accountId;
            return this;
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
            return new TicketUpdate(id(), at, ticketId, stage, priority);
        }

        /** The input record of this event. */
        public SupportTicketEvent avro() {
            return SupportTicketEvent.newBuilder()
                    .setEventId(id())
                    .setAccountId(accountId)
                    .setTicketId(ticketId)
                    .setOccurredAt(at)
                    .setStatus(TicketStatus.valueOf(stage.name()))
                    .setPriority(TicketPriority.valueOf(priority.name()))
                    .build();
        }

        private String id() {
            if (eventId == null) {
                eventId = nextId("ticket");
            }
            return eventId;
        }
    }
}
