package dev.pdm.iiot.notifier.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for webhook receivers: {@code /hook} and {@code /chat} answer 204,
 * {@code /fail} answers 500; every request is recorded.
 */
public final class WebhookServer implements AutoCloseable {

    /** A request as received. */
    public record Received(String path, String idempotencyKey, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> answer(exchange, 204));
        server.createContext("/chat", exchange -> answer(exchange, 204));
        server.createContext("/fail", exchange -> answer(exchange, 500));
        server.start();
    }

    public String url(final String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests to a path whose body contains the text, in arrival order. */
    public List<Received> received(final String path, final String bodyContains) {
        return received.stream().filter(r -> r.path().equals(path) && r.body().contains(bodyContains)).toList();
    }

    private void answer(final HttpExchange exchange, final int status) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
