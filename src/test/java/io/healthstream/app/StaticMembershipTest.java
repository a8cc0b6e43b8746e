package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticMembershipTest {
    @TempDir
    Path dir;

    @Test
    void anInstanceIdFromTheConfigurationNamesTheStreamThreadsOnly() {
        Settings settings = Settings.of(Map.of("kafka.group.instance.id", "healthstream-0"));

        assertThat(settings.streamsProperties()).containsEntry("group.instance.id", "healthstream-0");
        assertThat(settings.kafkaClientProperties()).doesNotContainKey("group.instance.id");
    }

    @Test
    void staticMembershipTakesThePodNameFirstThenTheHostName() throws Exception {
        Path config = config("static-membership=true\n");

        assertThat(Settings.load(config, Map.of("POD_NAME", "healthstream-1", "HOSTNAME", "node-7"))
                        .streamsProperties())
                .containsEntry("group.instance.id", "healthstream-1");
        assertThat(Settings.load(config, Map.of("HOSTNAME", "healthstream-2")).streamsProperties())
                .containsEntry("group.instance.id", "healthstream-2");
    }

    @Test
    void aConfiguredInstanceIdWinsOverThePodName() throws Exception {
        Path config = config("static-membership=true\nkafka.group.instance.id=blue-0\n");

        assertThat(Settings.load(config, Map.of("POD_NAME", "healthstream-1")).streamsProperties())
                .containsEntry("group.instance.id", "blue-0");
    }

    @Test
    void withoutStaticMembershipThePodNameIsNotUsed() throws Exception {
        assertThat(Settings.load(config(""), Map.of("HOSTNAME", "healthstream-2"))
                        .streamsProperties())
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void staticMembershipWithoutANameToUseIsOneLineNamingTheWays() throws Exception {
        assertThatThrownBy(() -> Settings.load(config("static-membership=true\n"), Map.of()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting 'static-membership': true needs a stable name for this instance: set "
                        + "kafka.group.instance.id, or run with POD_NAME or HOSTNAME in the environment");
    }

    @Test
    void staticMembershipIsTrueOrFalse() {
        assertThatThrownBy(() -> Settings.of(Map.of("static-membership", "yes")))
                .hasMessage("invalid setting 'static-membership': must be true or false, got 'yes'");
    }

    @Test
    void standbyReplicasPassThroughToKafkaStreams() {
        assertThat(Settings.of(Map.of("kafka.num.standby.replicas", "1")).streamsProperties())
                .containsEntry("num.standby.replicas", "1");
    }

    private Path config(String text) throws Exception {
        return Files.writeString(dir.resolve("healthstream.properties"), text);
    }
}
