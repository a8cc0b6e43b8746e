package io.healthstream.tools.bench;

import java.util.Locale;

/** What {@code healthstream bench} runs, in the order it runs them, each in a JVM of its own. */
public enum BenchVariant {
    PASS_THROUGH_ALOS("pass-through (read, write), at-least-once", Kind.PASS_THROUGH, false),
    PASS_THROUGH_EOS("pass-through (read, write), exactly-once v2", Kind.PASS_THROUGH, true),
    STATEFUL_EOS(
            "minimal stateful (RocksDB read-modify-write, changelog, one output), exactly-once v2",
            Kind.STATEFUL,
            true),
    ENGINE_ALOS("healthstream run, at-least-once", Kind.ENGINE, false),
    ENGINE_EOS("healthstream run, exactly-once v2 (default)", Kind.ENGINE, true),
    /** The engine EOS run once more, caught up, under live events at half its steady rate. */
    LATENCY("healthstream run, exactly-once v2, live events", Kind.ENGINE, true),
    /** The engine EOS run once more after its state directory was deleted: the restore from the changelogs. */
    RESTORE("healthstream run, exactly-once v2, state restored from the changelogs", Kind.ENGINE, true),
    REPLAY("healthstream replay over the same events", Kind.REPLAY, false);

    /** What runs. */
    public enum Kind {
        PASS_THROUGH,
        STATEFUL,
        ENGINE,
        REPLAY
    }

    private final String description;
    private final Kind kind;
    private final boolean exactlyOnce;

    BenchVariant(String description, Kind kind, boolean exactlyOnce) {
        this.description = description;
        this.kind = kind;
        this.exactlyOnce = exactlyOnce;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** The name on the command line and in the JSON: {@code pass-through-alos}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The baselines, which the other rows are compared with. */
    public boolean isBaseline() {
        return kind == Kind.PASS_THROUGH || kind == Kind.STATEFUL;
    }

    /** The application id of this variant's run {@code run}; the latency probe and the restore reuse the EOS engine's. */
    public String applicationId(String run) {
        return "bench-" + run + "-" + (reusesEngineEos() ? ENGINE_EOS : this).label();
    }

    /** Runs on what the EOS engine left: its state, its changelogs, its committed offsets. */
    private boolean reusesEngineEos() {
        return this == LATENCY || this == RESTORE;
    }

    public static BenchVariant ofLabel(String label) {
        for (BenchVariant variant : values()) {
            if (variant.label().equals(label)) {
                return variant;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + label + "'");
    }
}
