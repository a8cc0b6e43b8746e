package io.healthstream.tools.bench;

/**
 * What one variant's run measured, from its own JVM. Throughput runs leave {@code latency} null; the latency run reports only it.
 *
 * @param inputRecords    input records the run consumed and committed (for the replay: events read)
 * @param seconds         from the run's start until it had committed the whole input
 * @param steadyPerSecond input records per second between 10 % and 90 % of the input
 * @param cpuSecondsPerMillion       CPU time of the run's JVM per million input records, over the steady window
 *                                   (the replay: over the whole replay)
 * @param brokerCpuSecondsPerMillion the broker process's, likewise; -1 when the broker is not one bench started
 * @param changelogBytes  bytes the run's changelog topics hold at its end
 * @param stateBytes      bytes of the run's state directory at its end
 * @param outputRecords   records the run wrote to its output topics (read_committed)
 * @param peakHeapBytes   the JVM's peak heap use
 * @param peakRssBytes    the process's peak resident set size (VmHWM), RocksDB's native memory included
 */
public record VariantResult(
        String variant,
        long inputRecords,
        double seconds,
        double steadyPerSecond,
        double cpuSecondsPerMillion,
        double brokerCpuSecondsPerMillion,
        long changelogBytes,
        long stateBytes,
        long outputRecords,
        long peakHeapBytes,
        long peakRssBytes,
        LatencyProbe.Latency latency) {

    /** The same figures under another name, e.g. one of several latency runs. */
    public VariantResult named(String name) {
        return new VariantResult(
                name,
                inputRecords,
                seconds,
                steadyPerSecond,
                cpuSecondsPerMillion,
                brokerCpuSecondsPerMillion,
                changelogBytes,
                stateBytes,
                outputRecords,
                peakHeapBytes,
                peakRssBytes,
                latency);
    }
}
