package dev.pdm.iiot.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void keepsGivenPortsAndReplacesZerosWithDistinctFreePorts() throws IOException {
        final int[] ports = Ports.resolve(0, 1883, 0, 0);

        assertThat(ports[1]).isEqualTo(1883);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(4);
        for (final int port : new int[] {ports[0], ports[2], ports[3]}) {
            assertThat(port).isBetween(1, Ports.MAX_PORT);
            try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void rejectsPortsOutsideTheTcpRange() {
        assertThatThrownBy(() -> Ports.resolve(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ports.check(65_536)).hasMessageContaining("0..65535");
    }

    @Test
    void clientsReachAWildcardListenerOnLoopback() {
        assertThat(Ports.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(Ports.clientHost("::")).isEqualTo("127.0.0.1");
        assertThat(Ports.clientHost("192.0.2.10")).isEqualTo("192.0.2.10");
    }
}
