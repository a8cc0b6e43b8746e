package io.healthstream.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What this JVM has used: CPU time, the heap's peak, and the peak resident set the OS reports. */
public final class ProcessMeter {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMeter() {}

    /** CPU time of every thread of this process so far. */
    public static Duration cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The highest heap use seen since start: the peaks of the heap pools, summed. */
    public static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getPeakUsage)
                .mapToLong(usage -> usage == null ? 0 : usage.getUsed())
                .sum();
    }

    /** The peak resident set size (VmHWM, Linux), which counts RocksDB's native memory too; -1 elsewhere. */
    public static long peakRssBytes() {
        try {
            return Files.readAllLines(STATUS).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(kib -> Long.parseLong(kib) * 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }
}
