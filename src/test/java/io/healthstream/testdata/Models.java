package io.healthstream.testdata;

import io.healthstream.app.Settings;
import io.healthstream.scoring.ModelConfig;
import java.util.Map;

/**
 * Models for domain tests, written as the configuration writes them and read by the real parser:
 * {@code Models.with(Map.of("usage.expected.plan.pro", "100"))}.
 */
public final class Models {
    private Models() {}

    /** The default model with {@code settings} on top. */
    public static ModelConfig with(Map<String, String> settings) {
        return Settings.of(settings).model();
    }
}
