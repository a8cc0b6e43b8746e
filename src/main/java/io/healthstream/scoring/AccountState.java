package io.healthstream.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the health model remembers about one account between events: the facts it scores, the
 * episodes already signalled, the score last published and when a risk signal (usage drop, inactivity)
 * was last raised, which holds expansion opportunities back, and the CSM override active on it with
 * the time of the latest override command applied ({@code overrideDecidedAt}). Immutable: the rules build a new state
 * with {@link #toBuilder()}.
 */
public record AccountState(
        Subscription subscription,
        Activity activity,
        List<UsageEntry> usage,
        List<Instant> contractions,
        Map<String, TicketRecord> tickets,
        Map<String, NpsEntry> npsByUser,
        Set<Episode> openEpisodes,
        Published published,
        Instant riskSignalledAt,
        CsmOverride override,
        Instant overrideDecidedAt) {

    /** No event seen yet. */
    public static final AccountState EMPTY = builder().build();

    public AccountState {
        usage = List.copyOf(usage);
        contractions = List.copyOf(contractions);
        tickets = Collections.unmodifiableMap(new TreeMap<>(tickets));
        npsByUser = Collections.unmodifiableMap(new TreeMap<>(npsByUser));
        openEpisodes = Collections.unmodifiableSet(
                openEpisodes.isEmpty() ? EnumSet.noneOf(Episode.class) : EnumSet.copyOf(openEpisodes));
    }

    /**
     * The contract: plan, seats, MRR (minor units) and billing status, as of the latest subscription
     * event; {@code lastPaidMrr} is the MRR of the last time the account paid, kept after it stops.
     * {@code pastDueSince} is when the current past-due spell began (null unless past due), and
     * {@code delinquent} says the spell has lasted long enough to count as involuntary churn.
     * {@code firstPaidAt} is when the account first started paying and {@code startingMrr} the MRR it
     * started with: its signup cohort for revenue retention.
     */
    public record Subscription(
            String plan,
            int seats,
            long mrr,
            String currency,
            BillingStatus billing,
            Instant billingChangedAt,
            Instant trialStartedAt,
            long lastPaidMrr,
            String segmentAttribute,
            Instant pastDueSince,
            boolean delinquent,
            Instant firstPaidAt,
            long startingMrr) {
        static final Subscription NONE = new Subscription(null, 0, 0, null, BillingStatus.NONE, null, null, 0, null);

        /** A contract that is not in a past-due spell. */
        public Subscription(
                String plan,
                int seats,
                long mrr,
                String currency,
                BillingStatus billing,
                Instant billingChangedAt,
                Instant trialStartedAt,
                long lastPaidMrr,
                String segmentAttribute) {
            this(
                    plan,
                    seats,
                    mrr,
                    currency,
                    billing,
                    billingChangedAt,
                    trialStartedAt,
                    lastPaidMrr,
                    segmentAttribute,
                    null,
                    false,
                    null,
                    0);
        }

        /** This contract counted as churned for non-payment. */
        public Subscription asDelinquent() {
            return new Subscription(
                    plan,
                    seats,
                    mrr,
                    currency,
                    billing,
                    billingChangedAt,
                    trialStartedAt,
                    lastPaidMrr,
                    segmentAttribute,
                    pastDueSince,
                    true,
                    firstPaidAt,
                    startingMrr);
        }

        /** The MRR the touch tier follows: the current one while it pays, else the last one it paid. */
        public long tierMrr() {
            return mrr > 0 ? mrr : lastPaidMrr;
        }
    }

    /** When the account was first seen, last used and last progressed in onboarding; which steps it completed. */
    public record Activity(
            Instant firstSeenAt,
            Instant lastUsageAt,
            Instant onboardingProgressAt,
            Set<String> onboardingSteps,
            boolean scorable) {
        static final Activity NONE = new Activity(null, null, null, Set.of(), false);

        public Activity {
            onboardingSteps = Collections.unmodifiableSet(new LinkedHashSet<>(onboardingSteps));
        }
    }

    /** One usage event kept while it can still affect a window. */
    public record UsageEntry(Instant at, String action, int count) {
        /** Onboarding steps are milestones, not habits: they score as usage but do not make a usage trend. */
        public boolean isHabit() {
            return !HealthEngine.ONBOARDING_ACTION.equals(action);
        }
    }

    /** Latest known state of one support ticket. */
    public record TicketRecord(Priority priority, TicketStage stage, boolean escalated, Instant updatedAt) {
        public boolean isOpen() {
            return stage != TicketStage.RESOLVED;
        }
    }

    /** A user's latest NPS answer. */
    public record NpsEntry(int score, Instant at) {}

    /** Time-based conditions that signal once per episode. */
    public enum Episode {
        USAGE_DROP,
        INACTIVE,
        ONBOARDING_STALLED,
        USAGE_ABOVE_PLAN,
        THRIVING
    }

    /** The score and band last published to account-health; null before the first record. */
    public record Published(Double score, Band band) {
        static final Published NONE = new Published(null, null);
    }

    public String plan() {
        return subscription.plan();
    }

    public long mrr() {
        return subscription.mrr();
    }

    public String currency() {
        return subscription.currency();
    }

    public BillingStatus billing() {
        return subscription.billing();
    }

    /** False until the first subscription or usage event: such accounts are not scored yet. */
    public boolean scorable() {
        return activity.scorable();
    }

    public Band lastBand() {
        return published.band();
    }

    public Double lastScore() {
        return published.score();
    }

    public Set<String> onboardingSteps() {
        return activity.onboardingSteps();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(null);
    }

    /** Builds a state, for the rules (from a copy of the current one) and for rebuilding a stored state. */
    public static final class Builder {
        private Subscription subscription = Subscription.NONE;
        private Activity activity = Activity.NONE;
        private final List<UsageEntry> usage = new ArrayList<>();
        private final List<Instant> contractions = new ArrayList<>();
        private final Map<String, TicketRecord> tickets = new TreeMap<>();
        private final Map<String, NpsEntry> npsByUser = new TreeMap<>();
        private final Set<Episode> openEpisodes = EnumSet.noneOf(Episode.class);
        private Published published = Published.NONE;
        private Instant riskSignalledAt;
        private CsmOverride override;
        private Instant overrideDecidedAt;

        private Builder(AccountState from) {
            if (from != null) {
                subscription = from.subscription;
                activity = from.activity;
                usage.addAll(from.usage);
                contractions.addAll(from.contractions);
                tickets.putAll(from.tickets);
                npsByUser.putAll(from.npsByUser);
                openEpisodes.addAll(from.openEpisodes);
                published = from.published;
                riskSignalledAt = from.riskSignalledAt;
                override = from.override;
                overrideDecidedAt = from.overrideDecidedAt;
            }
        }

        public Builder subscription(Subscription value) {
            subscription = value;
            return this;
        }

        /** The contract without a last paid MRR beyond the current one; for tests and simple restores. */
        public Builder subscription(
                String plan,
                int seats,
                long mrr,
                String currency,
                BillingStatus billing,
                Instant billingChangedAt,
                Instant trialStartedAt) {
            return subscription(
                    new Subscription(plan, seats, mrr, currency, billing, billingChangedAt, trialStartedAt, mrr, null));
        }

        public Subscription subscription() {
            return subscription;
        }

        public Builder activity(Activity value) {
            activity = value;
            return this;
        }

        public Builder activity(
                Instant firstSeenAt, Instant lastUsageAt, Instant onboardingProgressAt, boolean scorable) {
            return activity(
                    new Activity(firstSeenAt, lastUsageAt, onboardingProgressAt, activity.onboardingSteps(), scorable));
        }

        public Activity activity() {
            return activity;
        }

        public Builder lastEmitted(Double score, Band band) {
            published = new Published(score, band);
            return this;
        }

        public Published published() {
            return published;
        }

        public Builder riskSignalledAt(Instant at) {
            riskSignalledAt = at;
            return this;
        }

        public Instant riskSignalledAt() {
            return riskSignalledAt;
        }

        /** The override now active (null: none), as decided by a command given at {@code decidedAt}. */
        public Builder override(CsmOverride value, Instant decidedAt) {
            override = value;
            overrideDecidedAt = decidedAt;
            return this;
        }

        public CsmOverride override() {
            return override;
        }

        public Instant overrideDecidedAt() {
            return overrideDecidedAt;
        }

        public Builder contraction(Instant at) {
            contractions.add(at);
            return this;
        }

        public List<Instant> contractions() {
            return contractions;
        }

        public Builder usage(UsageEntry entry) {
            usage.add(entry);
            return this;
        }

        public List<UsageEntry> usage() {
            return usage;
        }

        public Builder ticket(String ticketId, TicketRecord ticket) {
            tickets.put(ticketId, ticket);
            return this;
        }

        public Map<String, TicketRecord> tickets() {
            return tickets;
        }

        public Builder nps(String userId, NpsEntry entry) {
            npsByUser.put(userId, entry);
            return this;
        }

        public Map<String, NpsEntry> npsByUser() {
            return npsByUser;
        }

        public Builder onboardingStep(String step) {
            Set<String> steps = new LinkedHashSet<>(activity.onboardingSteps());
            steps.add(step);
            activity = new Activity(
                    activity.firstSeenAt(),
                    activity.lastUsageAt(),
                    activity.onboardingProgressAt(),
                    steps,
                    activity.scorable());
            return this;
        }

        public Builder openEpisode(Episode episode) {
            openEpisodes.add(episode);
            return this;
        }

        public Set<Episode> openEpisodes() {
            return openEpisodes;
        }

        public AccountState build() {
            usage.sort(Comparator.comparing(UsageEntry::at));
            return new AccountState(
                    subscription,
                    activity,
                    usage,
                    contractions,
                    tickets,
                    npsByUser,
                    openEpisodes,
                    published,
                    riskSignalledAt,
                    override,
                    overrideDecidedAt);
        }
    }
}
