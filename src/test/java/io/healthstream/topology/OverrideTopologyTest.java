package io.healthstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healthstream.avro.AccountHealth;
import io.healthstream.avro.ChurnSignal;
import io.healthstream.avro.ChurnSignalType;
import io.healthstream.avro.HealthBand;
import io.healthstream.avro.HealthOverride;
import io.healthstream.avro.StoredAccount;
import io.healthstream.scoring.SubscriptionChange;
import io.healthstream.testdata.Events;
import io.healthstream.topology.testdata.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSM overrides from the health-overrides topic, on the real topology: set, lift, expiry on stream time, marked signals. */
class OverrideTopologyTest {
    private static final Instant T0 = Events.T0;

    @TempDir
    Path stateDir;

    private TopologyHarness fixture;
    private TestOutputTopic<String, AccountHealth> health;

    @BeforeEach
    void aYellowAccount() {
        fixture = new TopologyHarness(Map.of(), T0, stateDir);
        health = fixture.output(Topics.ACCOUNT_HEALTH, AccountHealth.class);
        fixture.pipe(Events.subscription(SubscriptionChange.SUBSCRIPTION_STARTED)
                .account("acc-1")
                .at(T0)
                .avro());
        assertThat(health.readValuesToList())
                .singleElement()
                .satisfies(first -> assertThat(first.getBand()).isEqualTo(HealthBand.YELLOW));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Instant hours(long h) {
        return T0.plus(Duration.ofHours(h));
    }

    @Test
    @DisplayName("a SET publishes the account at once with its override beside the computed score, and is stored")
    void setPublishesTheOverrideAtOnce() {
        HealthOverride set =
                Events.override().id("ovr-1").at(hours(1)).expiresAt(hours(49)).avro();

        fixture.pipe(set);

        AccountHealth record = health.readValue();
        assertThat(record.getScore()).isEqualTo(57.0);
        assertThat(record.getBand()).isEqualTo(HealthBand.YELLOW);
        assertThat(record.getOverride().getBand()).isEqualTo(HealthBand.GREEN);
        assertThat(record.getOverride().getOverrideId()).isEqualTo("ovr-1");
        assertThat(record.getOverride().getAuthor()).isEqualTo("alice");
        assertThat(record.getOverride().getExpiresAt()).isEqualTo(hours(49));
        assertThat(record.getSourceEventId()).isEqualTo("ovr-1");
        assertThat(record.getAsOf()).isEqualTo(hours(1));
        StoredAccount stored = fixture.stored(StoreNames.ACCOUNTS, "acc-1");
        assertThat(stored.getOverride().getReason()).isEqualTo("renewal signed");
    }

    @Test
    @DisplayName("a LIFT publishes the account at once without its override")
    void liftPublishesAtOnce() {
        fixture.pipe(Events.override().at(hours(1)).avro());
        health.readValue();

        fixture.pipe(Events.override().lift().at(hours(2)).avro());

        AccountHealth record = health.readValue();
        assertThat(record.getOverride()).isNull();
        assertThat(record.getOverrideExpired()).isNull();
        assertThat(record.getAsOf()).isEqualTo(hours(2));
    }

    @Test
    @DisplayName("once stream time passes expires_at, the account is published at expires_at with OVERRIDE_EXPIRED")
    void expiryOnStreamTime() {
        fixture.pipe(Events.override().at(hours(1)).expiresAt(hours(5)).avro());
        health.readValue();

        // Another account's event moves stream time past the expiry and the allowed lateness (1 h).
        fixture.pipe(Events.usage().account("acc-2").at(hours(5)).avro());
        assertThat(health.readValuesToList())
                .extracting(AccountHealth::getAccountId)
                .containsOnly("acc-2");
        fixture.pipe(Events.usage().account("acc-2").at(hours(7)).avro());

        List<AccountHealth> expired = health.readValuesToList().stream()
                .filter(record -> record.getAccountId().equals("acc-1"))
                .toList();
        assertThat(expired).singleElement().satisfies(record -> {
            assertThat(record.getOverride()).isNull();
            assertThat(record.getOverrideExpired().getBand()).isEqualTo(HealthBand.GREEN);
            assertThat(record.getBand()).isEqualTo(HealthBand.YELLOW);
            assertThat(record.getAsOf()).isEqualTo(hours(5));
            assertThat(record.getSourceEventId()).isEqualTo("time:" + hours(5));
            assertThat(record.getRecommendedAction()).startsWith("OVERRIDE_EXPIRED: ");
        });
        assertThat(((StoredAccount) fixture.stored(StoreNames.ACCOUNTS, "acc-1")).getOverride())
                .isNull();
    }

    @Test
    @DisplayName("the history shows the override on the points it held, and its expiry on the OVERRIDE_EXPIRED point")
    void historyShowsTheOverrideAndItsExpiry() {
        fixture.pipe(
                Events.override().id("ovr-1").at(hours(1)).expiresAt(hours(5)).avro());
        fixture.pipe(Events.usage().account("acc-2").at(hours(7)).avro());

        AccountHistory history = HistoryReader.read(
                fixture.windowStore(StoreNames.HISTORY_POINTS),
                fixture.windowStore(StoreNames.HISTORY_EVENTS),
                "acc-1",
                T0,
                hours(8),
                100);

        assertThat(history.points()).hasSize(3);
        AccountHistory.Point first = history.points().get(0);
        assertThat(first.override()).isNull();
        AccountHistory.Point set = history.points().get(1);
        assertThat(set.at()).isEqualTo(hours(1).toString());
        assertThat(set.override())
                .isEqualTo(new AccountHistory.Override(
                        "ovr-1", "GREEN", null, "renewal signed", "alice", hours(5).toString()));
        assertThat(set.overrideExpired()).isNull();
        AccountHistory.Point expired = history.points().get(2);
        assertThat(expired.at()).isEqualTo(hours(5).toString());
        assertThat(expired.override()).isNull();
        assertThat(expired.overrideExpired().overrideId()).isEqualTo("ovr-1");
    }

    @Test
    @DisplayName("churn signals raised while overridden are marked overridden; others are not")
    void signalsAreMarked() {
        TestOutputTopic<String, ChurnSignal> signals = fixture.output(Topics.CHURN_SIGNALS, ChurnSignal.class);
        fixture.pipe(Events.override().at(hours(1)).avro());

        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account("acc-1")
                .at(hours(2))
                .avro());
        fixture.pipe(Events.subscription(SubscriptionChange.PAYMENT_FAILED)
                .account("acc-2")
                .at(hours(2))
                .avro());

        List<ChurnSignal> fired = signals.readValuesToList();
        assertThat(fired)
                .filteredOn(signal -> signal.getType() == ChurnSignalType.PAYMENT_FAILED)
                .extracting(ChurnSignal::getAccountId, ChurnSignal::getOverridden)
                .containsExactly(tuple("acc-1", true), tuple("acc-2", false));
    }

    @Test
    @DisplayName("the same override command twice is applied and published once")
    void aDuplicateIsAppliedOnce() {
        HealthOverride set = Events.override().id("ovr-1").at(hours(1)).avro();

        fixture.pipe(set);
        fixture.pipe(set);

        assertThat(health.readValuesToList()).hasSize(1);
        assertThat(fixture.listener().duplicates).containsExactly(Topics.HEALTH_OVERRIDES);
    }
}
