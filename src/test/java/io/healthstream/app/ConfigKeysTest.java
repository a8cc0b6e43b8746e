package io.healthstream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthstream.scoring.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigKeysTest {
    private static final String TABLE_START =
            "<!-- configuration keys: generated from ConfigKeys, checked by ConfigKeysTest -->\n";
    private static final String TABLE_END = "<!-- end of configuration keys -->";

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "touch.low.max-mr, touch.low.max-mrr",
        "onboarding.step, onboarding.steps",
        "health.punctuate.intervall, health.punctuate.interval",
        "http.prot, http.port",
        "input.max-id-lenght, input.max-id-length",
        "kpis.perod, kpis.period",
        "bootstrap.server, bootstrap.servers",
        "schema.registry.ur, schema.registry.url"
    })
    void aTypoAnywhereIsOneLineNamingTheKeyAndTheNearestKnownOne(String typo, String nearest) {
        assertThatThrownBy(() -> Settings.of(Map.of(typo, "1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("invalid setting '" + typo + "': unknown key; did you mean " + nearest + "?");
    }

    @Test
    void kafkaKeysAndFamiliesOfModelKeysAreKnown() {
        Settings settings = Settings.of(Map.of(
                "kafka.linger.ms",
                "5",
                "ssl.truststore.location",
                "/etc/ts.jks",
                "usage.impact.report_exported",
                "5",
                "usage.expected.plan.pro",
                "100"));

        assertThat(settings.model().usage().impactOf("report_exported")).isEqualTo(5);
    }

    @Test
    void everyDurationIsWrittenTheSameWay() {
        assertThat(ConfigKeys.all())
                .filteredOn(key -> key.type() == ConfigKey.Type.DURATION)
                .allSatisfy(key -> assertThat(key.defaultValue()).matches("\\d+(ms|s|m|h|d)"));
    }

    @Test
    void theReadmeListsEveryKeyAsTheTableSays() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        assertThat(start).as("README marker %s", TABLE_START.strip()).isNotNegative();
        assertThat(readme.substring(start + TABLE_START.length(), end))
                .as("the README's key table; paste this in its place:%n%s", ConfigKeys.markdownTable())
                .isEqualTo(ConfigKeys.markdownTable());
    }
}
