package dev.pdm.iiot.detector.it;

import dev.pdm.iiot.detector.testing.TestUsers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A detector instance in its own JVM, started from the packaged application like in production,
 * with a users file of the test accounts (the same one for every instance of a test) and a
 * management port of its own. Its REST API is asked as the viewer, its readiness without
 * credentials on the management port.
 */
final class DetectorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path users;
    private final Path log;
    private Process process;

    DetectorProcess(final String name, final Path workDir) throws IOException {
        this.name = name;
        this.port = freePort();
        this.managementPort = freePort();
        this.log = workDir.resolve(name + ".log");
        final Path file = workDir.resolve("users");
        this.users = Files.exists(file) ? file : TestUsers.write(file);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /**
     * @param properties more system properties of the instance, {@code name=value}
     */
    DetectorProcess start(final String bootstrapServers, final String applicationId, final Path stateDir,
                          final String... properties) throws IOException {
        final String jar = System.getProperty("it.detector.jar", "target/quarkus-app/quarkus-run.jar");
        final List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + managementPort,
                "-Dpdm.security.users-file=" + users,
                "-Dkafka.bootstrap.servers=" + bootstrapServers,
                "-Dquarkus.kafka-streams.application-id=" + applicationId,
                "-Dquarkus.kafka-streams.application-server=localhost:" + port,
                "-Ddetector.state-dir=" + stateDir,
                "-Dkafka-streams.num.stream.threads=1",
                "-Dquarkus.log.console.format=%d{HH:mm:ss,SSS} %-5p [%c{2.}] %s%e%n"));
        for (final String property : properties) {
            cmd.add("-D" + property);
        }
        cmd.addAll(List.of("-jar", jar));
        Files.createDirectories(stateDir);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return this;
    }

    /** A GET of the REST API as the viewer: another instance's machines are fetched with the same credentials. */
    HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.authorization(TestUsers.VIEWER))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getLocal(final String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestUsers.authorization(TestUsers.VIEWER))
                .header("X-Detector-Forwarded", "1").timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Readiness on the management port, without credentials (as a probe asks). */
    boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops it as an orchestrator would: SIGTERM, then the graceful shutdown. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate(Duration.ofSeconds(30));
        }
    }

    /**
     * Sends SIGTERM and waits up to {@code within} for the process to exit: its exit code, or null
     * when it was still running (it is then killed).
     */
    Integer terminate(final Duration within) throws InterruptedException {
        process.destroy();
        if (process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return name + "@" + port;
    }
}
