package io.healthstream.app;

import java.util.regex.Pattern;

/**
 * One configuration key of healthstream's own: its name, the kind of value it takes, its default
 * ({@code null}: none) and what it means. A {@code name} with {@code <...>} parts is a family of keys.
 */
record ConfigKey(String name, Type type, String defaultValue, String doc) {
    /** The kinds of value, each read one way everywhere (see {@link ConfigValues}). */
    enum Type {
        TEXT("text"),
        SECRET("text, never logged"),
        NUMBER("number, not negative"),
        WHOLE_NUMBER("whole number"),
        DAYS("whole number of days"),
        RETENTION_DAYS("whole number of days, or forever"),
        MILLIS("milliseconds"),
        DURATION("duration: 500ms, 30s, 1m, 1h, 2d"),
        BOOLEAN("true or false"),
        CHOICE("one of the values named"),
        LIST("comma-separated list");

        private final String description;

        Type(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** The prefix of a family of keys ({@code usage.impact.<action>} gives {@code usage.impact.}), or the name. */
    String prefix() {
        int open = name.indexOf('<');
        return open < 0 ? name : name.substring(0, open);
    }

    boolean isFamily() {
        return name.indexOf('<') >= 0;
    }

    /**
     * Whether {@code key} is this key, or a member of this family: each {@code <...>} stands for one
     * dot-free part, the last one for the rest of the key.
     */
    boolean matches(String key) {
        return isFamily() ? key.matches(pattern()) : key.equals(name);
    }

    private String pattern() {
        String[] literals = name.split("<[^>]+>", -1);
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            pattern.append(Pattern.quote(literals[i]));
            if (i < literals.length - 1) {
                pattern.append(i == literals.length - 2 && literals[i + 1].isEmpty() ? ".+" : "[^.]+");
            }
        }
        return pattern.toString();
    }
}
