package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where configuration comes from: a properties file, overridden by environment variables named
 * {@code HEALTHSTREAM_} + the key upper-cased, dots and dashes as underscores.
 */
final class ConfigSources {
    static final String ENV_PREFIX = "HEALTHSTREAM_";

    private ConfigSources() {}

    /**
     * The keys and values of {@code file} (may be null) with {@code environment}'s on top.
     *
     * @throws InvalidSettingException for a file that is missing or cannot be read
     */
    static Map<String, String> read(Path file, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        if (file != null) {
            values.putAll(readFile(file));
        }
        values.putAll(fromEnvironment(environment, values));
        return values;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("--config", "file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("--config", "cannot read " + file + ": " + e.getMessage());
        }
        return properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(
                        name -> name, name -> properties.getProperty(name).trim()));
    }

    /**
     * Maps HEALTHSTREAM_* variables back to keys. Known keys (and keys in the file) match exactly;
     * otherwise the longest known prefix wins and the rest keeps its underscores, so
     * HEALTHSTREAM_USAGE_IMPACT_REPORT_EXPORTED sets usage.impact.report_exported.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment, Map<String, String> fileValues) {
        Map<String, String> known = new TreeMap<>();
        ConfigKeys.all().stream()
                .filter(key -> !key.isFamily())
                .forEach(key -> known.put(envName(key.name()), key.name()));
        fileValues.keySet().forEach(key -> known.put(envName(key), key));
        Map<String, String> result = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                result.put(known.getOrDefault(name, keyForUnknownVariable(name)), value);
            }
        });
        return result;
    }

    private static String keyForUnknownVariable(String name) {
        String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        // Action and plan names may contain underscores themselves; Kafka keys never do.
        for (ConfigKey family :
                ConfigKeys.all().stream().filter(ConfigKey::isFamily).toList()) {
            String envPrefix = family.prefix().replace('.', '_');
            if (rest.startsWith(envPrefix)) {
                return family.prefix() + rest.substring(envPrefix.length());
            }
        }
        return rest.replace('_', '.');
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
