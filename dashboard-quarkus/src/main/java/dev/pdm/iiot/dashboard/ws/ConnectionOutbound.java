package dev.pdm.iiot.dashboard.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

import java.util.concurrent.CompletionStage;

/** A WebSockets Next server connection as the fan-out's {@link Outbound}. */
final class ConnectionOutbound implements Outbound {

    private final WebSocketConnection connection;

    ConnectionOutbound(final WebSocketConnection connection) {
        this.connection = connection;
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public CompletionStage<Void> send(final String text) {
        return connection.sendText(text).subscribeAsCompletionStage();
    }

    @Override
    public void close(final int code, final String reason) {
        connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failure -> { });
    }
}
