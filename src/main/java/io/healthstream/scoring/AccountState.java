package io.healthstream.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What healthstream remembers about one account between events: the facts the model scores and the
 * episodes already signalled. Mutable on purpose: {@link HealthEngine} updates it in place for each
 * event, and the topology persists it.
 */
public final class AccountState {
    /** One usage event kept while it can still affect a window. */
    public record UsageEntry(Instant at, String action, int count) {
    }

    /** Latest known state of one support ticket. */
    public record TicketRecord(Priority priority, TicketStage stage, boolean escalated, Instant updatedAt) {
        public boolean isOpen() {
            return stage != TicketStage.RESOLVED;
        }
    }

    /** A user's latest NPS answer. */
    public record NpsEntry(int score, Instant at) {
    }

    /** Time-based conditions that signal once per episode. */
    public enum Episode {
        USAGE_DROP, INACTIVE, ONBOARDING_STALLED, USAGE_ABOVE_PLAN
    }

    private final String accountId;
    String plan;
    int seats;
    long mrr;
    String currency;
    BillingStatus billing = BillingStatus.NONE;
    Instant billingChangedAt;
    Instant trialStartedAt;
    Instant firstSeenAt;
    Instant lastUsageAt;
    Instant onboardingProgressAt;
    boolean scorable;
    Double lastScore;
    Band lastBand;
    final List<Instant> contractions = new ArrayList<>();
    final List<UsageEntry> usage = new ArrayList<>();
    final Map<String, TicketRecord> tickets = new TreeMap<>();
    final Map<String, NpsEntry> npsByUser = new TreeMap<>();
    final Set<String> onboardingSteps = new LinkedHashSet<>();
    final Set<Episode> openEpisodes = EnumSet.noneOf(Episode.class);

    public AccountState(String accountId) {
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }

    public String plan() {
        return plan;
    }

    public int seats() {
        return seats;
    }

    public long mrr() {
        return mrr;
    }

    public String currency() {
        return currency;
    }

    public BillingStatus billing() {
        return billing;
    }

    public Instant billingChangedAt() {
        return billingChangedAt;
    }

    public Instant trialStartedAt() {
        return trialStartedAt;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastUsageAt() {
        return lastUsageAt;
    }

    public Instant onboardingProgressAt() {
        return onboardingProgressAt;
    }

    /** False until the first subscription or usage event: such accounts are not scored yet. */
    public boolean scorable() {
        return scorable;
    }

    public Double lastScore() {
        return lastScore;
    }

    public Band lastBand() {
        return lastBand;
    }

    public List<Instant> contractions() {
        return List.copyOf(contractions);
    }

    public List<UsageEntry> usage() {
        return List.copyOf(usage);
    }

    public Map<String, TicketRecord> tickets() {
        return Map.copyOf(tickets);
    }

    public Map<String, NpsEntry> npsByUser() {
        return Map.copyOf(npsByUser);
    }

    public Set<String> onboardingSteps() {
        return Set.copyOf(onboardingSteps);
    }

    public Set<Episode> openEpisodes() {
        return Set.copyOf(openEpisodes);
    }

    /** Rebuilds a stored state; used by the topology's mapper, not by the rules. */
    public static final class Restorer {
        private final AccountState state;

        public Restorer(String accountId) {
            this.state = new AccountState(accountId);
        }

        public Restorer subscription(String plan, int seats, long mrr, String currency, BillingStatus billing,
                                     Instant billingChangedAt, Instant trialStartedAt) {
            state.plan = plan;
            state.seats = seats;
            state.mrr = mrr;
            state.currency = currency;
            state.billing = billing;
            state.billingChangedAt = billingChangedAt;
            state.trialStartedAt = trialStartedAt;
            return this;
        }

        public Restorer activity(Instant firstSeenAt, Instant lastUsageAt, Instant onboardingProgressAt, boolean scorable) {
            state.firstSeenAt = firstSeenAt;
            state.lastUsageAt = lastUsageAt;
            state.onboardingProgressAt = onboardingProgressAt;
            state.scorable = scorable;
            return this;
        }

        public Restorer lastEmitted(Double score, Band band) {
            state.lastScore = score;
            state.lastBand = band;
            return this;
        }

        public Restorer contraction(Instant at) {
            state.contractions.add(at);
            return this;
        }

        public Restorer usage(UsageEntry entry) {
            state.usage.add(entry);
            return this;
        }

        public Restorer ticket(String ticketId, TicketRecord ticket) {
            state.tickets.put(ticketId, ticket);
            return this;
        }

        public Restorer nps(String userId, NpsEntry entry) {
            state.npsByUser.put(userId, entry);
            return this;
        }

        public Restorer onboardingStep(String step) {
            state.onboardingSteps.add(step);
            return this;
        }

        public Restorer openEpisode(Episode episode) {
            state.openEpisodes.add(episode);
            return this;
        }

        public AccountState build() {
            return state;
        }
    }
}
