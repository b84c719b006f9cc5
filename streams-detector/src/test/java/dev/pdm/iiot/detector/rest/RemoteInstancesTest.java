package dev.pdm.iiot.detector.rest;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A query forwarded to another instance carries the caller's credentials and the hop marker. */
class RemoteInstancesTest {

    private HttpServer other;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> hops = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void startOtherInstance() throws IOException {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            hops.add(String.valueOf(exchange.getRequestHeaders().getFirst(RemoteInstances.HOP_HEADER)));
            final byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
    }

    @AfterEach
    void stop() {
        other.stop(0);
    }

    private HostInfo host() {
        return new HostInfo("127.0.0.1", other.getAddress().getPort());
    }

    @Test
    void theCallersAuthorizationHeaderIsForwarded() {
        final RemoteInstances remote = new RemoteInstances(Duration.ofSeconds(2), () -> "Basic b2xnYTpwdw==");

        assertThat(remote.get(host(), "/machines").status()).isEqualTo(200);
        assertThat(authorizations).containsExactly("Basic b2xnYTpwdw==");
        assertThat(hops).containsExactly("1");
    }

    @Test
    void aCallerWithoutCredentialsIsForwardedWithout() {
        new RemoteInstances(Duration.ofSeconds(2), () -> null).get(host(), "/machines");

        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void anInstanceThatRefusesTheCredentialsIsAConfigurationProblemNotTheCallers() {
        status.set(401);
        final RemoteInstances remote = new RemoteInstances(Duration.ofSeconds(2), () -> "Bearer abc");

        assertThatThrownBy(() -> remote.get(host(), "/alerts")).isInstanceOf(Unavailable.class)
                .hasMessageContaining("refused the caller's credentials (401)");
    }
}
