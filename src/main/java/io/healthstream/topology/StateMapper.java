package io.healthstream.topology;

import io.healthstream.avro.StoredAccountState;
import io.healthstream.avro.StoredNpsAnswer;
import io.healthstream.avro.StoredTicket;
import io.healthstream.avro.StoredUsage;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.TicketStage;

import java.util.ArrayList;

/** Converts the domain account state to its stored Avro form and back. */
public final class StateMapper {
    private StateMapper() {
    }

    public static StoredAccountState toStored(AccountState state) {
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
                .setTickets(state.tickets().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(t -> new StoredTicket(t.getKey(), t.getValue().priority().name(), t.getValue().stage().name(),
                                t.getValue().escalated(), t.getValue().updatedAt())).toList())
                .setNps(state.npsByUser().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .map(n -> new StoredNpsAnswer(n.getKey(), n.getValue().score(), n.getValue().at())).toList())
                .setOnboardingSteps(state.onboardingSteps().stream().sorted().toList())
                .setOpenEpisodes(state.openEpisodes().stream().map(Enum::name).sorted().toList())
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
}
