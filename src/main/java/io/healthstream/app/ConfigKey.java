package io.healthstream.app;

/**
 * One configuration key of healthstream's own: its name, the kind of value it takes, its default
 * ({@code null}: none) and what it means. {@code name} may end in {@code <...>}: a family of keys.
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

    /** Whether {@code key} is this key, or a member of this family. */
    boolean matches(String key) {
        return isFamily() ? key.startsWith(prefix()) && key.length() > prefix().length() : key.equals(name);
    }
}
