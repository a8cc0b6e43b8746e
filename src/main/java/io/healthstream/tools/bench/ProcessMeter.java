package io.healthstream.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/** What this JVM has used: CPU time, the heap's peak, and the peak resident set the OS reports. */
public final class ProcessMeter {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final AtomicLong PEAK_HEAP_BEFORE_GC = new AtomicLong();

    private ProcessMeter() {}

    /** CPU time of every thread of this process so far. */
    public static Duration cpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Starts following the heap's use through the collector's notifications, for {@link #peakHeapBytes()}. The pools'
     * own peaks cannot give it: each pool peaks at another moment, and their sum exceeded -Xmx2g by 40 % in a run.
     */
    public static void watchHeap() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        NotificationListener beforeEachCollection = (notification, handback) -> {
            if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                long used = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo()
                        .getMemoryUsageBeforeGc()
                        .entrySet()
                        .stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed())
                        .sum();
                PEAK_HEAP_BEFORE_GC.accumulateAndGet(used, Math::max);
            }
        };
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(beforeEachCollection, null, null);
        }
    }

    /**
     * The most heap in use at once since {@link #watchHeap()}: use only grows between collections, so it peaks just
     * before one of them, or now.
     */
    public static long peakHeapBytes() {
        long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Math.max(now, PEAK_HEAP_BEFORE_GC.get());
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
