package dev.pdm.iiot.events.transport;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;

/**
 * A socket factory whose sockets have Nagle's algorithm off (TCP_NODELAY). MQTT clients send many
 * small packets and wait for their acknowledgements; with Nagle on (Eclipse Paho's default) a
 * QoS 1 client stalls near a thousand messages a second with the CPU idle. Give every MQTT client
 * of the platform one of these: {@code options.setSocketFactory(NoDelaySocketFactory.plain())}, or
 * {@link NoDelaySslSocketFactory} for {@code ssl://}.
 */
public final class NoDelaySocketFactory extends SocketFactory {

    private final SocketFactory delegate;

    public NoDelaySocketFactory(final SocketFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** For {@code tcp://} connections. */
    public static NoDelaySocketFactory plain() {
        return new NoDelaySocketFactory(SocketFactory.getDefault());
    }

    static Socket noDelay(final Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(final String host, final int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(final String host, final int port, final InetAddress localHost, final int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(final InetAddress host, final int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(final InetAddress address, final int port, final InetAddress localAddress,
                               final int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
}
