package dev.pdm.iiot.platform.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The CPU time of the history sink's two sides so far: the Connect worker's threads in this JVM
 * ({@link CpuComponent#CONNECT} by {@link CpuAccounting}, plus the connection pool's threads of
 * Debezium's JDBC sink, c3p0's, which that accounting counts as other) and the PostgreSQL server's
 * processes ({@link ProcessTreeCpu}). Two samples give a period's {@link Usage}.
 */
final class SinkCpu {

    private final CpuAccounting jvm = new CpuAccounting(Map.of());
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final Path postgresDataDir;

    /** What was used up to one moment; {@code postgresNanos} is -1 when the server's processes are not readable. */
    record Sample(CpuAccounting.Sample jvm, long poolNanos, long postgresNanos, long gcNanos, long jitNanos) {
    }

    /** A period's CPU, in seconds. */
    record Usage(CpuUsage jvm, double poolSeconds, double postgresSeconds, double gcSeconds, double jitSeconds) {

        double wallSeconds() {
            return jvm.wallSeconds();
        }

        /** The worker's threads: Connect's own, the sink tasks' consumers and the connection pool. */
        double connectSeconds() {
            return jvm.seconds(CpuComponent.CONNECT) + poolSeconds;
        }

        double brokerSeconds() {
            return jvm.seconds(CpuComponent.KAFKA);
        }

        double gcJitSeconds() {
            return jvm.seconds(CpuComponent.JVM);
        }

        /** The sink's cost: the Connect worker and PostgreSQL (the broker serves every reader, not only the sink). */
        double sinkSeconds() {
            return connectSeconds() + Math.max(0, postgresSeconds);
        }

        String summary(final long aggregates, final long rows) {
            return String.format(Locale.ROOT, """
                      cpu seconds in %.1f s: Connect worker %.2f (%.2f cores), PostgreSQL %s, Kafka broker %.2f, \
                    JVM %.2f (GC %.2f, JIT %.2f), whole JVM %.2f
                      cpu per aggregate: Connect %.1f µs + PostgreSQL %s = %.1f µs (%.1f µs per row); Kafka broker %.1f µs, \
                    GC/JIT %.1f µs
                      machine: load average %.1f at the start, %.1f at the end%s""",
                    wallSeconds(), connectSeconds(), connectSeconds() / wallSeconds(),
                    postgresSeconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f (%.2f cores)", postgresSeconds,
                            postgresSeconds / wallSeconds()),
                    brokerSeconds(), gcJitSeconds(), gcSeconds, jitSeconds, jvm.jvmSeconds(),
                    micros(connectSeconds(), aggregates),
                    postgresSeconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f µs", micros(postgresSeconds, aggregates)),
                    micros(sinkSeconds(), aggregates), micros(sinkSeconds(), rows),
                    micros(brokerSeconds(), aggregates), micros(gcJitSeconds(), aggregates),
                    jvm.loadAverageStart(), jvm.loadAverageEnd(),
                    jvm.machineBusyCores().isPresent() ? String.format(Locale.ROOT, "; machine busy %.2f of %d cores",
                            jvm.machineBusyCores().getAsDouble(), jvm.machineCores()) : "");
        }

        private static double micros(final double seconds, final long count) {
            return count <= 0 ? 0 : seconds * 1e6 / count;
        }
    }

    SinkCpu(final Path postgresDataDir) {
        this.postgresDataDir = postgresDataDir;
    }

    Sample sample() {
        final OptionalInt postmaster = ProcessTreeCpu.postmaster(postgresDataDir);
        final long postgres = postmaster.isPresent() ? ProcessTreeCpu.treeNanos(postmaster.getAsInt()) : -1;
        long gc = 0;
        long jit = 0;
        for (final ProcStat.Task task : ProcStat.threadsOfThisProcess().values()) {
            if (isGcThread(task.name())) {
                gc += task.cpuNanos();
            } else if (task.name().startsWith("C1 CompilerThre") || task.name().startsWith("C2 CompilerThre")) {
                jit += task.cpuNanos();
            }
        }
        return new Sample(jvm.sample(), poolNanos(), postgres, gc, jit);
    }

    static Usage between(final Sample start, final Sample end) {
        final double postgres = start.postgresNanos() < 0 || end.postgresNanos() < 0 ? -1
                : (end.postgresNanos() - start.postgresNanos()) / 1e9;
        return new Usage(CpuUsage.between(start.jvm(), end.jvm()), (end.poolNanos() - start.poolNanos()) / 1e9,
                postgres, (end.gcNanos() - start.gcNanos()) / 1e9, (end.jitNanos() - start.jitNanos()) / 1e9);
    }

    /** G1's threads as {@code /proc} names them: {@code GC Thread#0}, {@code G1 Conc#0}, {@code G1 Refine#0}, … */
    static boolean isGcThread(final String procName) {
        return procName.startsWith("GC Thread") || procName.startsWith("G1 ");
    }

    /** c3p0's threads ({@code C3P0PooledConnectionPoolManager[…]-HelperThread-#0}, its timers) by their names. */
    static boolean isConnectionPoolThread(final String name) {
        return name.startsWith("C3P0") || name.startsWith("com.mchange.");
    }

    private long poolNanos() {
        long nanos = 0;
        final long[] ids = threads.getAllThreadIds();
        final ThreadInfo[] infos = threads.getThreadInfo(ids);
        final long[] cpu = threads.getThreadCpuTime(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && cpu[i] > 0 && isConnectionPoolThread(infos[i].getThreadName())) {
                nanos += cpu[i];
            }
        }
        return nanos;
    }
}
