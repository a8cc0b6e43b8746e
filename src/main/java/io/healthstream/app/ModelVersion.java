package io.healthstream.app;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Names the model a score came from: {@code <model.name>/<digest>}, the digest a SHA-256 of the canonical
 * model configuration. Canonical: every model key with its effective value, defaults included, sorted by
 * key, numbers normalised ({@code 0.40} and {@code 0.4} are one number) and lists trimmed; so the same model
 * has the same version however it is written, and any change to it gives another.
 */
final class ModelVersion {
    static final String NAME_KEY = "model.name";
    /** Hex digits of the digest kept: 48 bits, plenty to tell a handful of models apart. */
    private static final int DIGITS = 12;

    private ModelVersion() {}

    /** The version of the model in {@code values} (defaults and configuration merged). */
    static String of(Map<String, String> values) {
        String canonical = new TreeMap<>(values)
                .entrySet().stream()
                        .filter(e ->
                                ConfigKeys.isModelKey(e.getKey()) && !e.getKey().equals(NAME_KEY))
                        .map(e -> e.getKey() + "=" + canonicalValue(e.getValue()))
                        .collect(Collectors.joining("\n"));
        String name = values.get(NAME_KEY).trim();
        return name + "/" + HexFormat.of().formatHex(sha256(canonical)).substring(0, DIGITS);
    }

    private static String canonicalValue(String value) {
        String text = value.trim();
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.joining(","));
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
