package dev.pdm.iiot.platform.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CPU time the benchmark's processes used between two {@link CpuAccounting.Sample}s, in seconds.
 * The platform is everything but the load generator and the probe: the benchmark JVM's process time
 * minus those two components' threads, plus the apps' processes. "Not attributed" is the JVM's
 * process time that no live thread accounts for (mostly threads that ended during the period).
 *
 * @param jvmSeconds       the benchmark JVM's whole process
 * @param threadSeconds    the benchmark JVM's threads by component (those alive at the end of the period)
 * @param appSeconds       the apps' processes by name (negative: not measured, the process was gone)
 * @param machineBusyCores the whole machine's busy CPU over the period, in cores (empty without {@code /proc})
 */
record CpuUsage(double wallSeconds, double jvmSeconds, Map<CpuComponent, Double> threadSeconds,
                Map<String, Double> appSeconds, double loadAverageStart, double loadAverageEnd,
                OptionalDouble machineBusyCores, int machineCores) {

    static CpuUsage between(final CpuAccounting.Sample start, final CpuAccounting.Sample end) {
        final Map<CpuComponent, Double> threads = new EnumMap<>(CpuComponent.class);
        for (final CpuComponent c : CpuComponent.values()) {
            threads.put(c, 0.0);
        }
        end.javaThreads().forEach((id, t) -> add(threads, t, start.javaThreads().get(id)));
        end.jvmThreads().forEach((tid, t) -> add(threads, t, start.jvmThreads().get(tid)));
        final Map<String, Double> apps = new LinkedHashMap<>();
        end.appCpuNanos().forEach((name, nanos) -> {
            final long from = start.appCpuNanos().getOrDefault(name, -1L);
            apps.put(name, nanos < 0 || from < 0 ? -1.0 : (nanos - from) / 1e9);
        });
        OptionalDouble busy = OptionalDouble.empty();
        int cores = 0;
        if (start.machine().isPresent() && end.machine().isPresent()) {
            final ProcStat.Machine a = start.machine().get();
            final ProcStat.Machine b = end.machine().get();
            cores = b.cores();
            if (b.totalTicks() > a.totalTicks()) {
                busy = OptionalDouble.of((double) (b.busyTicks() - a.busyTicks()) / (b.totalTicks() - a.totalTicks())
                        * cores);
            }
        }
        return new CpuUsage((end.wallNanos() - start.wallNanos()) / 1e9,
                (end.processCpuAfter() - start.processCpuBefore()) / 1e9, threads, apps,
                start.loadAverage(), end.loadAverage(), busy, cores);
    }

    private static void add(final Map<CpuComponent, Double> sums, final CpuAccounting.ThreadCpu end,
                            final CpuAccounting.ThreadCpu start) {
        final long nanos = end.cpuNanos() - (start == null ? 0 : start.cpuNanos());
        sums.merge(end.component(), Math.max(0, nanos) / 1e9, Double::sum);
    }

    double seconds(final CpuComponent component) {
        return threadSeconds.getOrDefault(component, 0.0);
    }

    double notAttributedSeconds() {
        return jvmSeconds - threadSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double appsSeconds() {
        return appSeconds.values().stream().mapToDouble(s -> Math.max(0, s)).sum();
    }

    /** Everything but the load generator and the probe. */
    double platformSeconds() {
        return jvmSeconds - seconds(CpuComponent.LOAD_GENERATOR) - seconds(CpuComponent.BENCHMARK) + appsSeconds();
    }

    /** The platform's CPU in cores (1.0 = one core busy all the time). */
    double platformCores() {
        return wallSeconds <= 0 ? 0 : platformSeconds() / wallSeconds;
    }

    /** Summary lines: CPU seconds per process and component, µs per reading, the machine's load. */
    String summary(final long readingsAccepted, final long readingsPublished) {
        final List<String> byThread = new ArrayList<>();
        final List<String> platformParts = new ArrayList<>();
        for (final CpuComponent c : CpuComponent.values()) {
            byThread.add(c.label() + " " + formatSeconds(seconds(c)));
            if (c.isPlatform()) {
                platformParts.add(c.label() + " " + micros(seconds(c), readingsAccepted));
            }
        }
        byThread.add("not attributed " + formatSeconds(notAttributedSeconds()));
        platformParts.add("not attributed " + micros(notAttributedSeconds(), readingsAccepted));
        final List<String> processes = new ArrayList<>();
        processes.add("benchmark JVM " + secondsAndCores(jvmSeconds));
        appSeconds.forEach((name, s) -> {
            processes.add(name + " " + (s < 0 ? "n/a" : secondsAndCores(s)));
            platformParts.add(name + " " + (s < 0 ? "n/a" : micros(s, readingsAccepted)));
        });
        final String machine = machineBusyCores.isPresent()
                ? String.format(Locale.ROOT, "; cpu busy %.2f of %d cores, %.2f of them this benchmark's processes",
                machineBusyCores.getAsDouble(), machineCores, (jvmSeconds + appsSeconds()) / wallSeconds)
                : "";
        return String.join("\n",
                String.format(Locale.ROOT, "  cpu seconds in the %.0f s measured: platform %s, load generator %s, "
                                + "benchmark probe %s", wallSeconds, secondsAndCores(platformSeconds()),
                        secondsAndCores(seconds(CpuComponent.LOAD_GENERATOR)),
                        secondsAndCores(seconds(CpuComponent.BENCHMARK))),
                "    by process: " + String.join(", ", processes),
                "    benchmark JVM by thread: " + String.join(", ", byThread),
                String.format(Locale.ROOT, "  cpu µs per reading accepted (%,d readings): platform %s = %s",
                        readingsAccepted, micros(platformSeconds(), readingsAccepted),
                        String.join(" + ", platformParts)),
                String.format(Locale.ROOT, "  cpu µs per reading published (%,d readings): load generator %s",
                        readingsPublished, micros(seconds(CpuComponent.LOAD_GENERATOR), readingsPublished)),
                String.format(Locale.ROOT, "  machine: load average %.1f at the start of the measured time, "
                        + "%.1f at its end%s", loadAverageStart, loadAverageEnd, machine));
    }

    private static String formatSeconds(final double seconds) {
        return String.format(Locale.ROOT, "%,.1f", seconds);
    }

    private String secondsAndCores(final double seconds) {
        return String.format(Locale.ROOT, "%,.1f (%.2f cores)", seconds, wallSeconds <= 0 ? 0 : seconds / wallSeconds);
    }

    private static String micros(final double seconds, final long readings) {
        return readings <= 0 ? "n/a" : String.format(Locale.ROOT, "%,.1f", seconds * 1e6 / readings);
    }
}
