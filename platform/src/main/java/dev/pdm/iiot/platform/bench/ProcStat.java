package dev.pdm.iiot.platform.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linux's CPU counters in {@code /proc}: this JVM's threads as the kernel sees them (also those
 * the JVM hides from Java, such as GC and compiler threads) and the whole machine's busy and idle
 * time. Empty where there is no {@code /proc}.
 */
final class ProcStat {

    /** The unit of {@code /proc}'s times: USER_HZ, 100 a second on every Linux (a fixed ABI). */
    static final long NANOS_PER_TICK = 10_000_000L;

    private static final Path SELF_TASKS = Path.of("/proc/self/task");
    private static final Path MACHINE = Path.of("/proc/stat");

    /** One thread: its name (at most 15 characters) and the CPU it used (user + system). */
    record Task(String name, long cpuNanos) {
    }

    /** The machine's CPU time since boot, over all cores, in ticks. */
    record Machine(long busyTicks, long totalTicks, int cores) {
    }

    private ProcStat() {
    }

    /** This process's threads by their kernel id; empty if {@code /proc} is missing. */
    static Map<Integer, Task> threadsOfThisProcess() {
        final Map<Integer, Task> tasks = new HashMap<>();
        if (!Files.isDirectory(SELF_TASKS)) {
            return tasks;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(SELF_TASKS)) {
            for (final Path dir : dirs) {
                try {
                    parseTask(Files.readString(dir.resolve("stat")))
                            .ifPresent(task -> tasks.put(Integer.parseInt(dir.getFileName().toString()), task));
                } catch (IOException e) {
                    // the thread ended while we listed them
                }
            }
        } catch (IOException e) {
            // unreadable: the JVM's hidden threads go unattributed
        }
        return tasks;
    }

    /** The machine's counters; empty if {@code /proc/stat} is missing. */
    static Optional<Machine> machine() {
        if (!Files.isReadable(MACHINE)) {
            return Optional.empty();
        }
        try {
            return parseMachine(Files.readAllLines(MACHINE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A line of {@code /proc/<pid>/task/<tid>/stat}: {@code tid (name) state …}, user time and system
     * time the 14th and 15th fields. The name may hold spaces and parentheses, so it ends at the last ')'.
     */
    static Optional<Task> parseTask(final String stat) {
        final int open = stat.indexOf('(');
        final int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        final String[] fields = stat.substring(close + 1).trim().split("\\s+");
        if (fields.length < 13) {
            return Optional.empty();
        }
        // fields[0] is the state (3rd field of the line), so utime (14th) is fields[11], stime (15th) fields[12]
        final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return Optional.of(new Task(stat.substring(open + 1, close), ticks * NANOS_PER_TICK));
    }

    /**
     * {@code /proc/stat}: the first line {@code cpu user nice system idle iowait irq softirq steal …}
     * (guest time is already in user), then a {@code cpuN} line per core.
     */
    static Optional<Machine> parseMachine(final List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
            return Optional.empty();
        }
        final String[] f = lines.get(0).trim().split("\\s+");
        if (f.length < 5) {
            return Optional.empty();
        }
        final long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            total += Long.parseLong(f[i]);
        }
        final int cores = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        return Optional.of(new Machine(total - idle, total, cores));
    }
}
