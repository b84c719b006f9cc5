package dev.pdm.iiot.dashboard.ws;

import java.util.concurrent.CompletionStage;

/** One client's side of a WebSocket, as the fan-out sees it. */
public interface Outbound {

    String id();

    boolean isOpen();

    /** Sends a text message; completes when it was written to the connection, or fails. */
    CompletionStage<Void> send(String text);

    void close(int code, String reason);
}
