package io.healthstream.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven built, from a resource it fills in; the same in the jar, the IDE and the tests. */
final class BuildVersion {
    private static final String RESOURCE = "/io/healthstream/version.properties";

    private BuildVersion() {}

    static String get() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
