package dev.pdm.iiot.detector.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads, summed by role: the stream threads, their producers' and
 * consumers' network threads, the load generator (the benchmark's own producer and main thread),
 * the broker (every other Java thread) and the rest of the process (garbage collection, the JIT).
 * The broker shares the machine's cores with the topology, so its share is part of the figure.
 */
final class CpuTimes {

    private static final String[] ROLES = {"stream threads", "streams client I/O", "load generator", "broker",
            "GC, JIT, other"};

    private final long[] nanos;

    private CpuTimes(final long[] nanos) {
        this.nanos = nanos;
    }

    static CpuTimes now() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long[] nanos = new long[ROLES.length];
        long javaThreads = 0;
        for (final long id : threads.getAllThreadIds()) {
            final ThreadInfo info = threads.getThreadInfo(id);
            final long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            nanos[role(info.getThreadName())] += cpu;
            javaThreads += cpu;
        }
        final long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        nanos[ROLES.length - 1] = process - javaThreads;
        return new CpuTimes(nanos);
    }

    private static int role(final String name) {
        final boolean streams = name.contains("StreamThread");
        if (streams && name.startsWith("kafka-")) {
            return 1;
        }
        if (streams) {
            return 0;
        }
        if (name.equals("main") || name.startsWith("kafka-producer-network-thread | producer-")) {
            return 2;
        }
        return 3;
    }

    /** Cores used per role between {@code earlier} and now, over {@code seconds} of wall-clock time. */
    String since(final CpuTimes earlier, final double seconds) {
        final Map<String, String> used = new LinkedHashMap<>();
        double total = 0;
        for (int i = 0; i < ROLES.length; i++) {
            final double cores = (nanos[i] - earlier.nanos[i]) / 1e9 / seconds;
            total += cores;
            used.put(ROLES[i], String.format(Locale.ROOT, "%.2f", cores));
        }
        return String.format(Locale.ROOT, "%.2f cores: ", total) + used.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
