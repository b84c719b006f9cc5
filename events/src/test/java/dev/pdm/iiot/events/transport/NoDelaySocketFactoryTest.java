package dev.pdm.iiot.events.transport;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

class NoDelaySocketFactoryTest {

    @Test
    void everySocketItCreatesHasNagleOff() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket connected = NoDelaySocketFactory.plain().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket unconnected = NoDelaySocketFactory.plain().createSocket()) {
            assertThat(connected.getTcpNoDelay()).isTrue();
            assertThat(unconnected.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void theTlsVariantSetsItToo() throws Exception {
        final NoDelaySslSocketFactory factory = new NoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (Socket socket = factory.createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }
}
