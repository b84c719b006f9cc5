package dev.pdm.iiot.events.transport;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;

/** {@link NoDelaySocketFactory} for TLS: MQTT clients check for an {@link SSLSocketFactory} on {@code ssl://}. */
public final class NoDelaySslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    public NoDelaySslSocketFactory(final SSLSocketFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(final Socket socket, final String host, final int port, final boolean autoClose)
            throws IOException {
        socket.setTcpNoDelay(true);
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(final String host, final int port) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(final String host, final int port, final InetAddress localHost, final int localPort)
            throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(final InetAddress host, final int port) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(final InetAddress address, final int port, final InetAddress localAddress,
                               final int localPort) throws IOException {
        return NoDelaySocketFactory.noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }
}
