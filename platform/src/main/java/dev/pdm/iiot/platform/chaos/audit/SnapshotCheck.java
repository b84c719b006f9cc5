package dev.pdm.iiot.platform.chaos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdm.iiot.events.json.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Whether the dashboard shows what the detector holds: fetches the dashboard's
 * {@code GET /api/machines} and the detector's {@code GET /machines} (HTTP basic auth, a viewer
 * suffices) and compares them with {@link SnapshotComparison}. An answer that is not 200 (the
 * detector answers 503 while it rebalances) is a difference too. One call is one look; the dashboard
 * follows {@code machine-status}, which the detector publishes at most once per status interval, so
 * the caller asks again until there are none or its patience ends.
 */
public final class SnapshotCheck {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final URI dashboard;
    private final URI detector;
    private final String authorization;

    /**
     * @param dashboard the dashboard's base URI ({@code http://localhost:8080})
     * @param detector  any detector instance's base URI ({@code http://localhost:8081})
     */
    public SnapshotCheck(final URI dashboard, final URI detector, final String username, final String password) {
        this(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), dashboard, detector, username, password);
    }

    public SnapshotCheck(final HttpClient http, final URI dashboard, final URI detector, final String username,
                         final String password) {
        this.http = http;
        this.dashboard = dashboard;
        this.detector = detector;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The differences now; empty when both agree. */
    public List<String> differences() throws InterruptedException {
        final List<String> problems = new ArrayList<>();
        final JsonNode live = fetch(detector.resolve("/machines"), "detector", problems);
        final JsonNode shown = fetch(dashboard.resolve("/api/machines"), "dashboard", problems);
        if (!problems.isEmpty()) {
            return problems;
        }
        return SnapshotComparison.compare(live, shown);
    }

    private JsonNode fetch(final URI uri, final String source, final List<String> problems)
            throws InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        try {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                problems.add("the " + source + " answered " + response.statusCode() + " to GET " + uri);
                return null;
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            problems.add("the " + source + " did not answer GET " + uri + ": " + e);
            return null;
        }
    }
}
