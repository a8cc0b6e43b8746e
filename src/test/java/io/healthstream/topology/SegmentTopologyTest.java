package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.Priority;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.scoring.TicketStage;
import io.healthstream.testdata.Events;
import io.healthstream.testdata.Models;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-segment models on the real topology: the same events, scored by the model of each account's segment. */
class SegmentTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;
    private TestOutputTopic<String, AccountHealth> health;

    @BeforeEach
    void start() {
        fixture = new TopologyHarness(Models.SEGMENTS, T0, stateDir);
        health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    /** The worked example's events: usage worth 100, an NPS promoter, no tickets. */
    private void workedExample(String account, String plan, String attribute) {
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account(account)
                .plan(plan)
                .segment(attribute)
                .at(T0)
                .mrrBefore(0)
                .avro());
        fixture.pipeWorkedExampleActivity(account, T0);
    }

    private Map<String, AccountHealth> latestByAccount() {
        Map<String, AccountHealth> latest = new TreeMap<>();
        health.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        return latest;
    }

    @Test
    @DisplayName("two accounts in different segments get different scores for the same events")
    void sameEventsDifferentSegmentsDifferentScores() {
        workedExample("acc-pro", "pro", null);
        workedExample("acc-ent", "enterprise", null);
        workedExample("acc-sales", "pro", "sales-led");

        Map<String, AccountHealth> latest = latestByAccount();

        assertThat(latest.get("acc-pro").getScore()).isEqualTo(99.0);
        assertThat(latest.get("acc-pro").getSegment()).isEqualTo("default");
        assertThat(latest.get("acc-ent").getScore()).isEqualTo(64.0);
        assertThat(latest.get("acc-ent").getBand()).isEqualTo(HealthBand.YELLOW);
        assertThat(latest.get("acc-ent").getComponents().getUsage()).isEqualTo(50.0);
        assertThat(latest.get("acc-ent").getSegment()).isEqualTo("enterprise");
        assertThat(latest.get("acc-sales").getScore()).isEqualTo(84.0);
        assertThat(latest.get("acc-sales").getSegment()).isEqualTo("sales-led");
    }

    @Test
    @DisplayName("a plan change moves the account: the event that moves it is already scored by the new model")
    void planChangeMovesTheAccountToItsNewSegment() {
        workedExample("acc-1", "pro", null);
        health.readValuesToList();

        fixture.pipe(Events.subscription(SubscriptionChange.PLAN_UPGRADED)
                .account("acc-1")
                .plan("enterprise")
                .at(hours(4))
                .avro());

        AccountHealth moved = latestByAccount().get("acc-1");
        assertThat(moved.getSegment()).isEqualTo("enterprise");
        assertThat(moved.getScore()).isEqualTo(64.0);
        assertThat(moved.getPreviousScore()).isEqualTo(99.0);
    }

    @Test
    @DisplayName("a subscription event without a segment attribute keeps the one set before")
    void segmentAttributeIsKeptUntilAnotherIsSent() {
        workedExample("acc-1", "pro", "sales-led");
        fixture.pipe(Events.subscription(SubscriptionChange.RENEWED)
                .account("acc-1")
                .at(hours(4))
                .avro());
        fixture.pipe(Events.ticket("T-1")
                .account("acc-1")
                .stage(TicketStage.OPENED)
                .priority(Priority.URGENT)
                .at(hours(5))
                .avro());

        AccountHealth afterTicket = latestByAccount().get("acc-1");
        assertThat(afterTicket.getSegment()).isEqualTo("sales-led");
        assertThat(afterTicket.getScore()).isEqualTo(78.0);
        StoredAccount stored = fixture.<StoredAccount>store(StoreNames.ACCOUNTS).get("acc-1");
        assertThat(Optional.ofNullable(stored.getSegmentAttribute())).contains("sales-led");

        fixture.pipe(Events.subscription(SubscriptionChange.RENEWED)
                .account("acc-1")
                .segment("self-serve")
                .at(hours(6))
                .avro());
        AccountHealth leftSalesLed = latestByAccount().get("acc-1");
        assertThat(leftSalesLed.getSegment()).isEqualTo("default");
        assertThat(leftSalesLed.getScore()).isEqualTo(93.0);
    }
}
