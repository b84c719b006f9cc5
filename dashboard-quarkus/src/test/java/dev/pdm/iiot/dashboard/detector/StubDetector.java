package dev.pdm.iiot.dashboard.detector;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP server standing in for the detector's REST API in unit tests of the client: answers
 * each path with a scripted status and body, and records what it was asked.
 */
public final class StubDetector implements AutoCloseable {

    /** A scripted answer. */
    public record Answer(int status, String body, long delayMillis) {
        public static Answer of(final int status, final String body) {
            return new Answer(status, body, 0);
        }
    }

    /**
     * A request as received.
     *
     * @param authorization its {@code Authorization} header, or null
     * @param onBehalfOf    its {@code X-On-Behalf-Of} header, or null
     */
    public record Request(String method, String pathAndQuery, String body, String authorization, String onBehalfOf) {
    }

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();

    public StubDetector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            final String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), path, body,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("X-On-Behalf-Of")));
            final Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path, Answer.of(404, ""));
            if (answer.delayMillis() > 0) {
                try {
                    // a slow detector: answers only after the delay, or when the stub closes
                    closing.await(answer.delayMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            final byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public StubDetector answer(final String methodAndPath, final Answer answer) {
        answers.put(methodAndPath, answer);
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An address where nothing listens. */
    public static URI nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
