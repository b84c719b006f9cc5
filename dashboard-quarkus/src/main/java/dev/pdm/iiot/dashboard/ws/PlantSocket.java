package dev.pdm.iiot.dashboard.ws;

import dev.pdm.iiot.security.quarkus.Roles;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;

/**
 * The live plant over WebSocket: on connect a {@code snapshot}, then {@code batch} messages of the
 * changes. A client that doubts its state sends {@code {"type":"resync"}} and gets a new snapshot.
 * Viewers only: the HTTP upgrade of a caller who is not signed in is refused with 401 (the
 * browser's session cookie, or a script's {@code Authorization} header, signs it in).
 */
@WebSocket(path = PlantSocket.PATH)
@RolesAllowed(Roles.VIEWER)
public class PlantSocket {

    public static final String PATH = "/ws/plant";

    private final FanOut fanOut;

    @Inject
    public PlantSocket(final FanOut fanOut) {
        this.fanOut = fanOut;
    }

    @OnOpen
    public void onOpen(final WebSocketConnection connection) {
        fanOut.open(connection);
    }

    @OnTextMessage
    public void onMessage(final String message, final WebSocketConnection connection) {
        if (message != null && message.contains("\"resync\"")) {
            fanOut.resync(connection);
        }
    }

    @OnClose
    public void onClose(final WebSocketConnection connection) {
        fanOut.closed(connection);
    }
}
