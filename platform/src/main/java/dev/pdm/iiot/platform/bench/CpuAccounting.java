package dev.pdm.iiot.platform.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples the CPU time the benchmark's processes have used so far; two samples give a period's
 * {@link CpuUsage}. In this JVM, by thread: every live Java thread's CPU time
 * ({@code ThreadMXBean}) and, from {@code /proc}, that of the JVM's threads hidden from Java (GC,
 * compilers, VM thread), each counted to the {@link CpuComponent} its name tells; and the whole
 * process's CPU time, which also holds what threads that ended during the period used. Of the apps
 * (the detector, the dashboard): their process's CPU time.
 */
final class CpuAccounting {

    /** The JVM's threads that {@code ThreadMXBean} does not list, as {@code /proc} names them. */
    private static final List<String> HIDDEN_JVM_THREADS = List.of("GC Thread", "G1 ", "VM Thread",
            "VM Periodic Tas", "C1 CompilerThre", "C2 CompilerThre", "Sweeper thread", "Service Thread",
            "Monitor Deflati");

    private final com.sun.management.ThreadMXBean threads;
    private final com.sun.management.OperatingSystemMXBean os;
    private final Map<String, ProcessHandle> apps;

    /** One thread's component and CPU time so far. */
    record ThreadCpu(CpuComponent component, long cpuNanos) {
    }

    /**
     * What was used up to one moment. The process's CPU time is read before and after its threads',
     * so that a period from one sample's {@code before} to another's {@code after} holds every
     * thread's share of it.
     */
    record Sample(long wallNanos, long processCpuBefore, long processCpuAfter, Map<Long, ThreadCpu> javaThreads,
                  Map<Integer, ThreadCpu> jvmThreads, Map<String, Long> appCpuNanos, double loadAverage,
                  Optional<ProcStat.Machine> machine) {
    }

    /** @param apps the child processes to account for, by name, in the order the summary lists them */
    CpuAccounting(final Map<String, ProcessHandle> apps) {
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        this.apps = new LinkedHashMap<>(apps);
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure the CPU time of its threads");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    Sample sample() {
        final long wall = System.nanoTime();
        final Optional<ProcStat.Machine> machine = ProcStat.machine();
        final Map<String, Long> appCpu = appCpu();
        final long before = os.getProcessCpuTime();
        final Map<Long, ThreadCpu> java = javaThreads();
        final Map<Integer, ThreadCpu> jvm = hiddenJvmThreads();
        final long after = os.getProcessCpuTime();
        return new Sample(wall, before, after, java, jvm, appCpu, os.getSystemLoadAverage(), machine);
    }

    private Map<Long, ThreadCpu> javaThreads() {
        final long[] ids = threads.getAllThreadIds();
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        final long[] cpu = threads.getThreadCpuTime(ids);
        final Map<Long, ThreadCpu> result = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] >= 0) {
                result.put(ids[i], new ThreadCpu(CpuComponent.ofThread(infos[i].getThreadName()), cpu[i]));
            }
        }
        return result;
    }

    private static Map<Integer, ThreadCpu> hiddenJvmThreads() {
        final Map<Integer, ThreadCpu> result = new HashMap<>();
        ProcStat.threadsOfThisProcess().forEach((tid, task) -> {
            if (isHiddenJvmThread(task.name())) {
                result.put(tid, new ThreadCpu(CpuComponent.JVM, task.cpuNanos()));
            }
        });
        return result;
    }

    /** A JVM thread that {@code ThreadMXBean} does not list (so counting it from {@code /proc} counts it once). */
    static boolean isHiddenJvmThread(final String procName) {
        return HIDDEN_JVM_THREADS.stream().anyMatch(procName::startsWith);
    }

    private Map<String, Long> appCpu() {
        final Map<String, Long> result = new LinkedHashMap<>();
        apps.forEach((name, handle) -> result.put(name,
                handle.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L)));
        return result;
    }
}
