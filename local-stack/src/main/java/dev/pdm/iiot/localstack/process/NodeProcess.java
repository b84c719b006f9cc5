package dev.pdm.iiot.localstack.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this JVM's classpath run as a process of its own, so that killing it is a real
 * crash: a HiveMQ node, a Kafka Connect worker. The main marks itself ready by writing the file it
 * is given with {@code --ready-file} ({@link NodeLifecycle#ready}) and ends when the process that
 * started it ends ({@link NodeLifecycle#endWithParent}). Its output goes to its log file, appended
 * across restarts. {@link #kill()} sends SIGKILL, {@link #stop(Duration)} SIGTERM; {@link #start()}
 * starts it again with the same arguments.
 */
public final class NodeProcess implements AutoCloseable {

    /** The option a node main reads the ready file from. */
    public static final String READY_FILE_OPTION = "--ready-file";
    /** System properties a node inherits from this JVM: where its logging is configured. */
    private static final List<String> INHERITED_PROPERTIES = List.of("logback.configurationFile",
            "java.util.logging.config.file");
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String mainClass;
    private final List<String> args;
    private final List<String> jvmOptions;
    private final Path logFile;
    private final Path readyFile;
    private Process process;

    /**
     * @param name       what logs and errors call it
     * @param mainClass  a class of this JVM's classpath with a {@code main}
     * @param args       its arguments, without {@code --ready-file}
     * @param jvmOptions e.g. the heap
     * @param logFile    its output
     * @param readyFile  the file it writes once it serves
     */
    public NodeProcess(final String name, final String mainClass, final List<String> args,
                       final List<String> jvmOptions, final Path logFile, final Path readyFile) {
        this.name = Objects.requireNonNull(name, "name");
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.args = List.copyOf(args);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = Objects.requireNonNull(logFile, "logFile");
        this.readyFile = Objects.requireNonNull(readyFile, "readyFile");
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process unless it runs; {@link #awaitReady(Duration)} waits until it serves. */
    public synchronized NodeProcess start() {
        if (isAlive()) {
            return this;
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (final String property : INHERITED_PROPERTIES) {
            final String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        command.add(READY_FILE_OPTION);
        command.add(readyFile.toAbsolutePath().toString());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(readyFile.toAbsolutePath().getParent());
            Files.deleteIfExists(readyFile);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        LOG.info("{} started (pid {}, output {})", name, process.pid(), logFile);
        return this;
    }

    /** Waits until the process has written its ready file; fails at once if it ends first. */
    public void awaitReady(final Duration timeout) {
        final long started = System.nanoTime();
        final long deadline = started + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Process running = current();
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " ended while starting" + (running == null ? ""
                        : " with exit code " + running.exitValue()) + ", see " + logFile);
            }
            if (Files.exists(readyFile)) {
                LOG.info("{} ready in {} ms", name, (System.nanoTime() - started) / 1_000_000);
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ", see " + logFile);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running process's id. */
    public synchronized long pid() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    /** SIGKILL: no shutdown, no flush; returns once the process is gone. */
    public synchronized void kill() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        final long pid = process.pid();
        process.toHandle().destroyForcibly();
        awaitExit(EXIT_TIMEOUT);
        LOG.info("{} killed (pid {})", name, pid);
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    public synchronized void stop(final Duration grace) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(grace)) {
            LOG.warn("{} did not stop within {}; killing it", name, grace);
            process.toHandle().destroyForcibly();
            awaitExit(EXIT_TIMEOUT);
        }
    }

    @Override
    public void close() {
        stop(EXIT_TIMEOUT);
    }

    private synchronized Process current() {
        return process;
    }

    private boolean awaitExit(final Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to end", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process", e);
        }
    }
}
