package io.healthstream.app;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * {@code log.format}: text or JSON log lines. log4j2.xml picks the layout from the system property (or from
 * {@code HEALTHSTREAM_LOG_FORMAT}, read before anything is logged); a value from the configuration file
 * sets the property and reconfigures, so lines from then on follow it.
 */
final class LogFormat {
    static final String KEY = "log.format";
    static final String TEXT = "text";
    static final String PROPERTY = "healthstream.log.format";

    /** The formats, as an enum so the setting is validated like every other choice. */
    enum Format {
        TEXT,
        JSON
    }

    private LogFormat() {}

    static void apply(Format format) {
        String wanted = format.name().toLowerCase(Locale.ROOT);
        if (wanted.equals(System.getProperty(PROPERTY, TEXT))) {
            return;
        }
        System.setProperty(PROPERTY, wanted);
        if (LogManager.getContext(false) instanceof LoggerContext context) {
            context.reconfigure();
        }
    }
}
