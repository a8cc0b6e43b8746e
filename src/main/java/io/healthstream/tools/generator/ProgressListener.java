package io.healthstream.tools.generator;

/** Told about the generator's progress, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    /** {@code daysDone} of {@code days} simulated days are published, {@code events} events in all. */
    void progressed(int daysDone, int days, long events);

    ProgressListener NONE = (daysDone, days, events) -> {};
}
