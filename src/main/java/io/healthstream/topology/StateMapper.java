package io.healthstream.topology;

import io.healthstream.avro.StoredAccountState;
import io.healthstream.avro.StoredNpsAnswer;
import io.healthstream.avro.StoredPeriodActivity;
import io.healthstream.avro.StoredPeriodVote;
import io.healthstream.avro.StoredTicket;
import io.healthstream.avro.StoredUsage;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.NpsVote;
import io.healthstream.scoring.kpi.PeriodActivity;
import io.healthstream.scoring.kpi.RecentActivity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Converts the domain account state, and the account's portfolio KPI memory, to their stored Avro form and back. */
public final class StateMapper {
    private StateMapper() {
    }

    /** The account's state with its portfolio KPI memory, which the health model does not use. */
    public static StoredAccountState toStored(AccountState state, RecentActivity kpiActivity) {
        return StoredAccountState.newBuilder()
                .setAccountId(state.accountId())
                .setPlan(state.plan())
                .setSeats(state.seats())
                .setMrr(state.mrr())
                .setCurrency(state.currency())
                .setBillingStatus(state.billing().name())
                .setBillingChangedAt(state.billingChangedAt())
                .setTrialStartedAt(state.trialStartedAt())
                .setFirstSeenAt(state.firstSeenAt())
                .setLastUsageAt(state.lastUsageAt())
                .setOnboardingProgressAt(state.onboardingProgressAt())
                .setScorable(state.scorable())
                .setLastScore(state.lastScore())
                .setLastBand(state.lastBand() == null ? null : state.lastBand().name())
                .setContractions(new ArrayList<>(state.contractions()))
                .setUsage(state.usage().stream().map(u -> new StoredUsage(u.at(), u.action(), u.count())).toList())
                .setTickets(state.tickets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(t -> new StoredTicket(t.getKey(), t.getValue().priority().name(), t.getValue().stage().name(),
                                t.getValue().escalated(), t.getValue().updatedAt())).toList())
                .setNps(state.npsByUser().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(n -> new StoredNpsAnswer(n.getKey(), n.getValue().score(), n.getValue().at())).toList())
                .setOnboardingSteps(state.onboardingSteps().stream().sorted().toList())
                .setOpenEpisodes(state.openEpisodes().stream().map(Enum::name).sorted().toList())
                .setKpiPeriods(kpiActivity.periods().stream().map(StateMapper::toStored).toList())
                .build();
    }

    public static AccountState toDomain(StoredAccountState stored) {
        AccountState.Restorer restorer = new AccountState.Restorer(stored.getAccountId())
                .subscription(stored.getPlan(), stored.getSeats(), stored.getMrr(), stored.getCurrency(),
                        BillingStatus.valueOf(stored.getBillingStatus()), stored.getBillingChangedAt(),
                        stored.getTrialStartedAt())
                .activity(stored.getFirstSeenAt(), stored.getLastUsageAt(), stored.getOnboardingProgressAt(),
                        stored.getScorable())
                .lastEmitted(stored.getLastScore(), stored.getLastBand() == null ? null : Band.valueOf(stored.getLastBand()));
        stored.getContractions().forEach(restorer::contraction);
        stored.getUsage().forEach(u -> restorer.usage(new AccountState.UsageEntry(u.getAt(), u.getAction(), u.getCount())));
        stored.getTickets().forEach(t -> restorer.ticket(t.getTicketId(), new AccountState.TicketRecord(
                Priority.valueOf(t.getPriority()), TicketStage.valueOf(t.getStage()), t.getEscalated(), t.getUpdatedAt())));
        stored.getNps().forEach(n -> restorer.nps(n.getUserId(), new AccountState.NpsEntry(n.getScore(), n.getAt())));
        stored.getOnboardingSteps().forEach(restorer::onboardingStep);
        stored.getOpenEpisodes().forEach(e -> restorer.openEpisode(AccountState.Episode.valueOf(e)));
        return restorer.build();
    }

    public static RecentActivity kpiActivity(StoredAccountState stored) {
        return new RecentActivity(stored.getKpiPeriods().stream().map(StateMapper::toDomain).toList());
    }

    private static StoredPeriodActivity toStored(PeriodActivity a) {
        return new StoredPeriodActivity(a.period().label(), a.period().start(), a.period().end(),
                a.users().stream().sorted().toList(),
                a.votes().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(v -> new StoredPeriodVote(v.getKey(),
                        v.getValue().score(), v.getValue().at(), v.getValue().eventId())).toList(),
                a.onboardingStarted(), a.onboarded());
    }

    private static PeriodActivity toDomain(StoredPeriodActivity s) {
        Map<String, NpsVote> votes = new HashMap<>();
        s.getVotes().forEach(v -> votes.put(v.getUserId(), new NpsVote(v.getScore(), v.getAt(), v.getEventId())));
        return new PeriodActivity(new KpiPeriod.Period(s.getPeriod(), s.getPeriodStart(), s.getPeriodEnd()),
                Set.copyOf(s.getUsers()), votes, s.getOnboardingStarted(), s.getOnboarded());
    }
}
