package io.healthstream.topology;

import io.healthstream.avro.KpiAccountChange;
import io.healthstream.avro.KpiAccountSnapshot;
import io.healthstream.avro.KpiPeriodFacts;
import io.healthstream.avro.KpiTransition;
import io.healthstream.scoring.Band;
import io.healthstream.scoring.BillingStatus;
import io.healthstream.scoring.kpi.AccountSnapshot;
import io.healthstream.scoring.kpi.AccountTransition;
import io.healthstream.scoring.kpi.PeriodFacts;

import java.time.Instant;

/** Converts account transitions to the Avro records of the kpi-transitions repartition topic and back. */
public final class TransitionMapper {
    private TransitionMapper() {
    }

    /** {@code transition}, sent by the account task of input partition {@code partition} at its stream time {@code clock}. */
    public static KpiTransition toRecord(AccountTransition transition, int partition, Instant clock) {
        return new KpiTransition(partition, clock, toRecord(transition));
    }

    /** Only the clock of the account task of input partition {@code partition}. */
    public static KpiTransition clockOnly(int partition, Instant clock) {
        return new KpiTransition(partition, clock, null);
    }

    public static AccountTransition toDomain(KpiAccountChange r) {
        return new AccountTransition(r.getAccountId(), r.getAt(), toDomain(r.getBefore()), toDomain(r.getAfter()),
                r.getFacts() == null ? null : toDomain(r.getFacts()));
    }

    private static KpiAccountChange toRecord(AccountTransition t) {
        return new KpiAccountChange(t.accountId(), t.at(), toRecord(t.before()), toRecord(t.after()),
                t.facts() == null ? null : toRecord(t.facts()));
    }

    private static KpiAccountSnapshot toRecord(AccountSnapshot s) {
        return new KpiAccountSnapshot(s.currency(), s.billing().name(), s.mrr(),
                s.band() == null ? null : s.band().name(), s.onboarded());
    }

    private static AccountSnapshot toDomain(KpiAccountSnapshot s) {
        return new AccountSnapshot(s.getCurrency(), BillingStatus.valueOf(s.getBillingStatus()), s.getMrr(),
                s.getBand() == null ? null : Band.valueOf(s.getBand()), s.getOnboarded());
    }

    private static KpiPeriodFacts toRecord(PeriodFacts f) {
        return new KpiPeriodFacts(f.cancellationReason(), f.activeAccounts(), f.activeUsers(), f.logins(),
                f.invitesSent(), f.invitesAccepted(), f.npsPromoters(), f.npsPassives(), f.npsDetractors(),
                f.onboardingStarted(), f.onboardingCompleted());
    }

    private static PeriodFacts toDomain(KpiPeriodFacts f) {
        return new PeriodFacts(f.getCancellationReason(), f.getActiveAccounts(), f.getActiveUsers(), f.getLogins(),
                f.getInvitesSent(), f.getInvitesAccepted(), f.getNpsPromoters(), f.getNpsPassives(),
                f.getNpsDetractors(), f.getOnboardingStarted(), f.getOnboardingCompleted());
    }
}
