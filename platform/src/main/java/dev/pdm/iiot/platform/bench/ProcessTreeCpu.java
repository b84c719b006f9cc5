package dev.pdm.iiot.platform.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The CPU time of a process and all its descendants from Linux's {@code /proc}: for PostgreSQL the
 * postmaster, its backends (one per connection) and its background workers (checkpointer, WAL
 * writer, autovacuum), which are not children of this JVM ({@code pg_ctl} starts the server
 * detached). A process that ended was reaped by its parent, whose {@code cutime}/{@code cstime}
 * then hold its time, so the sum over the tree does not drop when a backend exits.
 */
final class ProcessTreeCpu {

    private static final Path PROC = Path.of("/proc");

    /** One process: its parent, the CPU it used and that of its children it reaped, in nanoseconds. */
    record Proc(int pid, int ppid, long cpuNanos, long reapedChildrenNanos) {
    }

    private ProcessTreeCpu() {
    }

    /**
     * A {@code /proc/<pid>/stat} line: {@code pid (name) state ppid …}, then utime, stime, cutime and
     * cstime as the 14th to 17th fields, in ticks. The name may hold spaces and parentheses.
     */
    static Optional<Proc> parse(final int pid, final String stat) {
        final int close = stat.lastIndexOf(')');
        if (close < 0) {
            return Optional.empty();
        }
        final String[] f = stat.substring(close + 1).trim().split("\\s+");
        if (f.length < 15) {
            return Optional.empty();
        }
        // f[0] is the state (3rd field), f[1] the parent (4th), utime (14th) f[11] … cstime (17th) f[14]
        final long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        final long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return Optional.of(new Proc(pid, Integer.parseInt(f[1]), own * ProcStat.NANOS_PER_TICK,
                reaped * ProcStat.NANOS_PER_TICK));
    }

    /** The CPU of {@code root} and its descendants among {@code all}, each with the children it reaped; 0 without root. */
    static long treeNanos(final Map<Integer, Proc> all, final int root) {
        if (!all.containsKey(root)) {
            return 0;
        }
        final Map<Integer, List<Proc>> children = new HashMap<>();
        for (final Proc p : all.values()) {
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p);
        }
        long nanos = 0;
        final Deque<Proc> todo = new ArrayDeque<>(List.of(all.get(root)));
        while (!todo.isEmpty()) {
            final Proc p = todo.pop();
            nanos += p.cpuNanos() + p.reapedChildrenNanos();
            todo.addAll(children.getOrDefault(p.pid(), List.of()));
        }
        return nanos;
    }

    /** The CPU of the process tree under {@code root} now; -1 where there is no {@code /proc}. */
    static long treeNanos(final int root) {
        if (!Files.isDirectory(PROC)) {
            return -1;
        }
        final Map<Integer, Proc> all = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (final Path dir : dirs) {
                final int pid = Integer.parseInt(dir.getFileName().toString());
                try {
                    parse(pid, Files.readString(dir.resolve("stat"))).ifPresent(p -> all.put(pid, p));
                } catch (IOException e) {
                    // the process ended while we listed them
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return treeNanos(all, root);
    }

    /** The postmaster's process id: the first line of {@code postmaster.pid} in the cluster's folder. */
    static OptionalInt postmaster(final Path dataDir) {
        try {
            final List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
