package dev.pdm.iiot.platform.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One of the platform's Quarkus apps as a process of its own: started with {@code java -jar} on its
 * packaged {@code quarkus-run.jar}, configured through system properties and, for secrets, through
 * its environment (which, unlike a command line, other users of the machine cannot list), its
 * output in a log file,
 * ready when its readiness check answers 200, stopped with SIGTERM (Quarkus shuts down gracefully:
 * Kafka Streams commits and closes its stores) and killed only if it does not stop in time.
 */
public final class AppProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_LINES_ON_FAILURE = 40;

    private final String name;
    private final Path runJar;
    private final List<String> jvmOptions;
    private final Map<String, String> properties;
    private final Map<String, String> secrets;
    private final Path logFile;
    private final URI readyUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public AppProcess(final String name, final Path runJar, final List<String> jvmOptions,
                      final Map<String, String> properties, final Path logFile, final URI readyUrl) {
        this(name, runJar, jvmOptions, properties, Map.of(), logFile, readyUrl);
    }

    /**
     * @param secrets environment variables of the process (Quarkus reads {@code A_B_C} as
     *                {@code a.b.c}); never logged
     */
    public AppProcess(final String name, final Path runJar, final List<String> jvmOptions,
                      final Map<String, String> properties, final Map<String, String> secrets, final Path logFile,
                      final URI readyUrl) {
        this.name = Objects.requireNonNull(name, "name");
        this.runJar = Objects.requireNonNull(runJar, "runJar");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.properties = Map.copyOf(properties);
        this.secrets = Map.copyOf(secrets);
        this.logFile = Objects.requireNonNull(logFile, "logFile");
        this.readyUrl = Objects.requireNonNull(readyUrl, "readyUrl");
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the process; {@link #awaitReady(Duration)} waits until it serves. */
    public synchronized AppProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        if (!Files.isRegularFile(runJar)) {
            throw new IllegalStateException(name + " is not built: " + runJar.toAbsolutePath().normalize()
                    + " is missing (mvn -B package -DskipTests builds it)");
        }
        final List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(runJar.toAbsolutePath().toString());
        try {
            Files.createDirectories(logFile.getParent());
            final ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(secrets);
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        LOG.info("{} starting (pid {}), log in {}", name, process.pid(), logFile);
        return this;
    }

    /** Waits until the app answers its readiness check with 200. */
    public void awaitReady(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final long started = System.nanoTime();
        while (System.nanoTime() < deadline) {
            final Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException(name + " exited" + (running == null ? "" : " with " + running.exitValue())
                        + " before it was ready; its log ends with:\n" + logTail());
            }
            if (isReady()) {
                LOG.info("{} ready in {} ms at {}", name, (System.nanoTime() - started) / 1_000_000,
                        readyUrl.resolve("/"));
                return;
            }
            pause();
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + " (" + readyUrl
                + "); its log ends with:\n" + logTail());
    }

    public boolean isReady() {
        try {
            final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(readyUrl)
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The app's process once started (e.g. for its pid or CPU time); empty before {@link #start()}. */
    public synchronized Optional<ProcessHandle> processHandle() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    /** SIGKILL: no shutdown runs, nothing is committed or closed; returns once the process is gone. */
    public synchronized void kill() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        final long pid = process.pid();
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid + ") still runs 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " to end", e);
        }
        LOG.info("{} killed (pid {})", name, pid);
    }

    /** Asks the app to stop (SIGTERM), waits up to {@code grace}, then kills it. */
    public synchronized void stop(final Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        final long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {}; killing it", name, grace);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("{} stopped in {} ms", name, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** The last lines of the app's log. */
    public String logTail() {
        try {
            final List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an app", e);
        }
    }
}
