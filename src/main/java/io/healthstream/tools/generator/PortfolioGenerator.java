package io.healthstream.tools.generator;

import java.util.List;

/**
 * Plays a {@link PortfolioSimulation} into Kafka through a {@link PortfolioPublisher} at a
 * {@link Pace}. {@link #stop()} ends it early from another thread (Ctrl-C, the demo closing).
 */
public final class PortfolioGenerator implements Runnable {
    private final PortfolioSimulation simulation;
    private final PortfolioPublisher publisher;
    private final Pace pace;
    private final ProgressListener progress;
    private volatile boolean stopped;
    private volatile int daysDone;

    public PortfolioGenerator(
            PortfolioSimulation simulation, PortfolioPublisher publisher, Pace pace, ProgressListener progress) {
        this.simulation = simulation;
        this.publisher = publisher;
        this.pace = pace;
        this.progress = progress;
    }

    /** Publishes every simulated day (until stopped) and waits for the broker to acknowledge them. */
    @Override
    public void run() {
        int days = simulation.spec().days();
        long index = 0;
        try {
            while (simulation.hasNextDay() && !stopped) {
                List<GeneratedEvent> batch = simulation.simulateNextDay();
                for (GeneratedEvent event : batch) {
                    if (stopped) {
                        return;
                    }
                    pace.awaitTurn(event, index++);
                    publisher.publish(event);
                    progress.progressed(daysDone, days, publisher.sent());
                }
                daysDone++;
                progress.progressed(daysDone, days, publisher.sent());
            }
            publisher.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends {@link #run()} after the current event. */
    public void stop() {
        stopped = true;
    }

    /** Simulated days fully published. */
    public int daysDone() {
        return daysDone;
    }
}
