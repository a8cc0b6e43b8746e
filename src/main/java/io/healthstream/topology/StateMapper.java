package io.healthstream.topology;

import io.healthstream.avro.HealthBand;
import io.healthstream.avro.StoredAccount;
import io.healthstream.avro.StoredBillingStatus;
import io.healthstream.avro.StoredEpisode;
import io.healthstream.avro.StoredEventSource;
import io.healthstream.avro.StoredKpiActivity;
import io.healthstream.avro.StoredKpiVote;
import io.healthstream.avro.StoredNpsEntry;
import io.healthstream.avro.StoredOverride;
import io.healthstream.avro.StoredPriority;
import io.healthstream.avro.StoredSeenDay;
import io.healthstream.avro.StoredTicketStage;
import io.healthstream.avro.StoredTicketState;
import io.healthstream.avro.StoredUsageEntry;
import io.healthstream.scoring.AccountState;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.CsmOverride;
import io.healthstream.scoring.EventSource;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.TicketStage;
import io.healthstream.scoring.intake.AccountMemory;
import io.healthstream.scoring.intake.SeenEvents;
import io.healthstream.scoring.kpi.KpiPeriod;
import io.healthstream.scoring.kpi.NpsVote;
import io.healthstream.scoring.kpi.PeriodActivity;
import io.healthstream.scoring.kpi.RecentActivity;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts an account's memory to its stored form and back. The stored form is laid out for size:
 * usage times in seconds relative to {@code evaluated_at} with action names listed once, and the ids
 * of seen events and KPI users as packed 64-bit hashes.
 */
public final class StateMapper {
    private StateMapper() {}

    public static StoredAccount toStored(AccountMemory memory) {
        AccountState state = memory.health();
        AccountState.Subscription s = state.subscription();
        AccountState.Activity a = state.activity();
        Instant base = memory.evaluatedAt() == null ? Instant.EPOCH : memory.evaluatedAt();
        List<String> actions = new ArrayList<>();
        Map<String, Integer> actionIndex = new HashMap<>();
        List<StoredUsageEntry> usage = new ArrayList<>(state.usage().size());
        for (AccountState.UsageEntry entry : state.usage()) {
            int action = actionIndex.computeIfAbsent(entry.action(), name -> {
                actions.add(name);
                return actions.size() - 1;
            });
            long millisBefore = base.toEpochMilli() - entry.at().toEpochMilli();
            usage.add(new StoredUsageEntry(
                    Math.floorDiv(millisBefore, 1000), (int) Math.floorMod(millisBefore, 1000), action, entry.count()));
        }
        return StoredAccount.newBuilder()
                .setPlan(s.plan())
                .setSeats(s.seats())
                .setMrr(s.mrr())
                .setCurrency(s.currency())
                .setBilling(StoredBillingStatus.valueOf(s.billing().name()))
                .setBillingChangedAt(s.billingChangedAt())
                .setTrialStartedAt(s.trialStartedAt())
                .setSegmentAttribute(s.segmentAttribute())
                .setLastPaidMrr(s.lastPaidMrr())
                .setPastDueSince(s.pastDueSince())
                .setDelinquent(s.delinquent())
                .setFirstPaidAt(s.firstPaidAt())
                .setStartingMrr(s.startingMrr())
                .setFirstSeenAt(a.firstSeenAt())
                .setLastUsageAt(a.lastUsageAt())
                .setOnboardingProgressAt(a.onboardingProgressAt())
                .setOnboardingSteps(List.copyOf(a.onboardingSteps()))
                .setScorable(a.scorable())
                .setActions(actions)
                .setUsage(usage)
                .setContractions(new ArrayList<>(state.contractions()))
                .setTickets(state.tickets().entrySet().stream()
                        .map(t -> new StoredTicketState(
                                t.getKey(),
                                StoredPriority.valueOf(t.getValue().priority().name()),
                                StoredTicketStage.valueOf(t.getValue().stage().name()),
                                t.getValue().escalated(),
                                t.getValue().updatedAt()))
                        .toList())
                .setNps(state.npsByUser().entrySet().stream()
                        .map(n -> new StoredNpsEntry(
                                n.getKey(), n.getValue().score(), n.getValue().at()))
                        .toList())
                .setOpenEpisodes(state.openEpisodes().stream()
                        .map(e -> StoredEpisode.valueOf(e.name()))
                        .toList())
                .setLastScore(state.lastScore())
                .setLastBand(
                        state.lastBand() == null
                                ? null
                                : HealthBand.valueOf(state.lastBand().name()))
                .setRiskSignalledAt(state.riskSignalledAt())
                .setKpiPeriods(memory.kpis().periods().stream()
                        .map(StateMapper::toStored)
                        .toList())
                .setSeen(memory.seen().buckets().stream()
                        .map(b -> new StoredSeenDay(
                                StoredEventSource.valueOf(b.source().name()),
                                Math.toIntExact(b.epochDay()),
                                pack(b.hashes())))
                        .toList())
                .setOverride(toStored(state.override()))
                .setOverrideDecidedAt(state.overrideDecidedAt())
                .setLastEventAt(memory.lastEventAt())
                .setEvaluatedAt(memory.evaluatedAt())
                .build();
    }

    public static AccountMemory toDomain(StoredAccount stored) {
        Instant base = stored.getEvaluatedAt() == null ? Instant.EPOCH : stored.getEvaluatedAt();
        AccountState.Builder state = AccountState.builder()
                .subscription(new AccountState.Subscription(
                        stored.getPlan(),
                        stored.getSeats(),
                        stored.getMrr(),
                        stored.getCurrency(),
                        BillingStatus.valueOf(stored.getBilling().name()),
                        stored.getBillingChangedAt(),
                        stored.getTrialStartedAt(),
                        stored.getLastPaidMrr(),
                        stored.getSegmentAttribute(),
                        stored.getPastDueSince(),
                        stored.getDelinquent(),
                        stored.getFirstPaidAt(),
                        stored.getStartingMrr()))
                .activity(new AccountState.Activity(
                        stored.getFirstSeenAt(),
                        stored.getLastUsageAt(),
                        stored.getOnboardingProgressAt(),
                        new LinkedHashSet<>(stored.getOnboardingSteps()),
                        stored.getScorable()))
                .lastEmitted(
                        stored.getLastScore(),
                        stored.getLastBand() == null
                                ? null
                                : Band.valueOf(stored.getLastBand().name()))
                .riskSignalledAt(stored.getRiskSignalledAt())
                .override(toDomain(stored.getOverride()), stored.getOverrideDecidedAt());
        for (StoredUsageEntry entry : stored.getUsage()) {
            Instant at = base.minusSeconds(entry.getSecondsBefore()).minusMillis(entry.getMillis());
            state.usage(new AccountState.UsageEntry(at, stored.getActions().get(entry.getAction()), entry.getCount()));
        }
        stored.getContractions().forEach(state::contraction);
        stored.getTickets()
                .forEach(t -> state.ticket(
                        t.getTicketId(),
                        new AccountState.TicketRecord(
                                Priority.valueOf(t.getPriority().name()),
                                TicketStage.valueOf(t.getStage().name()),
                                t.getEscalated(),
                                t.getUpdatedAt())));
        stored.getNps().forEach(n -> state.nps(n.getUserId(), new AccountState.NpsEntry(n.getScore(), n.getAt())));
        stored.getOpenEpisodes().forEach(e -> state.openEpisode(AccountState.Episode.valueOf(e.name())));
        List<SeenEvents.Bucket> seen = stored.getSeen().stream()
                .map(day -> new SeenEvents.Bucket(
                        EventSource.valueOf(day.getSource().name()), day.getEpochDay(), unpack(day.getHashes())))
                .toList();
        return new AccountMemory(
                state.build(),
                new RecentActivity(stored.getKpiPeriods().stream()
                        .map(StateMapper::toDomain)
                        .toList()),
                new SeenEvents(seen),
                stored.getLastEventAt(),
                stored.getEvaluatedAt());
    }

    private static StoredOverride toStored(CsmOverride o) {
        return o == null
                ? null
                : new StoredOverride(
                        o.overrideId(),
                        HealthBand.valueOf(o.band().name()),
                        o.score(),
                        o.reason(),
                        o.author(),
                        o.expiresAt());
    }

    private static CsmOverride toDomain(StoredOverride o) {
        return o == null
                ? null
                : new CsmOverride(
                        o.getOverrideId(),
                        Band.valueOf(o.getBand().name()),
                        o.getScore(),
                        o.getReason(),
                        o.getAuthor(),
                        o.getExpiresAt());
    }

    private static StoredKpiActivity toStored(PeriodActivity a) {
        return new StoredKpiActivity(
                a.period().label(),
                a.period().start(),
                a.period().end(),
                pack(a.users().stream().mapToLong(Long::longValue).sorted().toArray()),
                a.votes().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(v -> new StoredKpiVote(
                                v.getKey(),
                                v.getValue().score(),
                                v.getValue().at(),
                                v.getValue().eventHash()))
                        .toList(),
                a.onboardingStarted(),
                a.onboarded());
    }

    private static PeriodActivity toDomain(StoredKpiActivity s) {
        Map<Long, NpsVote> votes = new HashMap<>();
        s.getVotes().forEach(v -> votes.put(v.getUserHash(), new NpsVote(v.getScore(), v.getAt(), v.getEventHash())));
        Set<Long> users = new HashSet<>();
        for (long user : unpack(s.getUserHashes())) {
            users.add(user);
        }
        return new PeriodActivity(
                new KpiPeriod.Period(s.getPeriod(), s.getPeriodStart(), s.getPeriodEnd()),
                users,
                votes,
                s.getOnboardingStarted(),
                s.getOnboarded());
    }

    private static ByteBuffer pack(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long value : values) {
            buffer.putLong(value);
        }
        return buffer.flip();
    }

    private static long[] unpack(ByteBuffer packed) {
        ByteBuffer buffer = packed.duplicate();
        long[] values = new long[buffer.remaining() / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = buffer.getLong();
        }
        return values;
    }
}
