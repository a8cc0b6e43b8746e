package io.healthstream.tools.bench;

/**
 * What one variant's run measured, from its own JVM (the broker's CPU is added by the bench, which started the
 * broker). Throughput runs leave {@code latency} null; the latency run reports only it.
 *
 * @param inputRecords    input records the run consumed and committed (for the replay: events read)
 * @param seconds         from the run's start until it had committed the whole input
 * @param steadyPerSecond input records per second between 10 % and 90 % of the input
 * @param cpuSeconds      CPU time of the run's JVM over {@code seconds}
 * @param brokerCpuSeconds CPU time of the broker's process over the run's JVM lifetime; -1 without a broker of ours
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
        double cpuSeconds,
        double brokerCpuSeconds,
        long changelogBytes,
        long stateBytes,
        long outputRecords,
        long peakHeapBytes,
        long peakRssBytes,
        LatencyProbe.Latency latency) {

    public VariantResult withBrokerCpuSeconds(double seconds) {
        return new VariantResult(
                variant,
                inputRecords,
                this.seconds,
                steadyPerSecond,
                cpuSeconds,
                seconds,
                changelogBytes,
                stateBytes,
                outputRecords,
                peakHeapBytes,
                peakRssBytes,
                latency);
    }
}
