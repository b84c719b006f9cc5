package dev.pdm.iiot.dashboard.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.events.json.EventJson;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A client whose sends complete at once (fast) or only when the test says so (slow). */
final class FakeOutbound implements Outbound {

    private final String id;
    private final boolean completesAtOnce;
    final List<String> sent = new ArrayList<>();
    final List<CompletableFuture<Void>> pending = new ArrayList<>();
    Integer closedWith;

    FakeOutbound(final String id, final boolean completesAtOnce) {
        this.id = id;
        this.completesAtOnce = completesAtOnce;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return closedWith == null;
    }

    @Override
    public synchronized CompletionStage<Void> send(final String text) {
        sent.add(text);
        final CompletableFuture<Void> done = new CompletableFuture<>();
        if (completesAtOnce) {
            done.complete(null);
        } else {
            pending.add(done);
        }
        return done;
    }

    @Override
    public void close(final int code, final String reason) {
        closedWith = code;
    }

    void completeAll() {
        final List<CompletableFuture<Void>> now;
        synchronized (this) {
            now = new ArrayList<>(pending);
            pending.clear();
        }
        now.forEach(f -> f.complete(null));
    }

    JsonNode message(final int i) {
        try {
            return EventJson.newMapper().readTree(sent.get(i));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + sent.get(i), e);
        }
    }

    JsonNode last() {
        return message(sent.size() - 1);
    }
}
