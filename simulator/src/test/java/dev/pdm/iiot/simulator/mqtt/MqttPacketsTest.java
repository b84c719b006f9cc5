package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttPacketsTest {

    private static byte[] bytes(final ByteBuffer b) {
        final byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] hex(final String hex) {
        final String h = hex.replace(" ", "");
        final byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void encodesAConnectWithAPersistentSessionAndCredentialsAsMqtt5Says() {
        final byte[] connect = bytes(MqttPackets.connect("dev-1", false, 3600, 30, "u", "p"));

        // fixed header, MQTT 5, flags user+password (no clean start), keep alive 30,
        // properties: session expiry 3600; payload: client id, user name, password
        assertThat(connect).isEqualTo(hex("10 1d 0004 4d515454 05 c0 001e 05 11 00000e10 0005 6465762d31 0001 75 0001 70"));
    }

    @Test
    void encodesACleanStartWithoutProperties() {
        assertThat(bytes(MqttPackets.connect("d", true, 0, 60, null, null)))
                .isEqualTo(hex("10 0e 0004 4d515454 05 02 003c 00 0001 64"));
    }

    @Test
    void encodesAQos1PublishAndMarksADuplicate() {
        final ByteBuffer publish = MqttPackets.publishQos1("a/b", "{}".getBytes(StandardCharsets.UTF_8), 258);

        assertThat(bytes(publish)).isEqualTo(hex("32 0a 0003 612f62 0102 00 7b7d"));
        MqttPackets.markDuplicate(publish);
        assertThat(bytes(publish)[0]).isEqualTo((byte) 0x3a);
    }

    @Test
    void writesRemainingLengthsOfSeveralBytes() {
        final byte[] payload = new byte[200];
        final byte[] publish = bytes(MqttPackets.publishQos1("t", payload, 1));

        assertThat(publish.length).isEqualTo(1 + 2 + 2 + 1 + 2 + 1 + 200);
        assertThat(publish[1] & 0xff).isEqualTo(0x80 | (206 % 128));
        assertThat(publish[2]).isEqualTo((byte) 1);
        assertThat(MqttPackets.varIntLength(127)).isEqualTo(1);
        assertThat(MqttPackets.varIntLength(128)).isEqualTo(2);
        assertThat(MqttPackets.varIntLength(2_097_152)).isEqualTo(4);
    }

    @Test
    void readsPubacksWithAndWithoutReasonCodeAndReasonString() throws IOException {
        final ByteBuffer in = ByteBuffer.wrap(hex("40 02 0007" + "40 03 0008 99"
                + "40 0b 0009 83 07 1f 0004 4b61666b" + "d0 00"));

        assertThat(MqttPackets.puback(MqttPackets.next(in))).isEqualTo(new MqttPackets.Puback(7, 0, null));
        assertThat(MqttPackets.puback(MqttPackets.next(in))).isEqualTo(new MqttPackets.Puback(8, 0x99, null));
        assertThat(MqttPackets.puback(MqttPackets.next(in))).isEqualTo(new MqttPackets.Puback(9, 0x83, "Kafk"));
        assertThat(MqttPackets.next(in).type()).isEqualTo(MqttPackets.PINGRESP);
        assertThat(MqttPackets.next(in)).isNull();
    }

    @Test
    void leavesAPartialPacketForTheNextRead() throws IOException {
        final ByteBuffer in = ByteBuffer.wrap(hex("40 03 00 08"));

        assertThat(MqttPackets.next(in)).isNull();
        assertThat(in.position()).isZero();
    }

    @Test
    void readsTheConnacksReceiveMaximumAndPacketLimit() throws IOException {
        final byte[] connack = hex("20 0d 01 00 0a 21 1388 27 00010000 24 01");

        final MqttPackets.Connack read = MqttPackets.readConnack(new ByteArrayInputStream(connack));

        assertThat(read).isEqualTo(new MqttPackets.Connack(true, 0, 5000, 65_536, null));
    }

    @Test
    void failsOnATruncatedConnackOrAnUnknownProperty() {
        assertThatThrownBy(() -> MqttPackets.readConnack(new ByteArrayInputStream(hex("20 05 00 00"))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> MqttPackets.readConnack(new ByteArrayInputStream(hex("20 04 00 00 02 7f 00"))))
                .isInstanceOf(IOException.class);
    }

    @Test
    void describesABrokersDisconnect() throws IOException {
        final MqttPackets.Packet packet = MqttPackets.next(ByteBuffer.wrap(hex("e0 0a 95 08 1f 0005 6c61726765")));

        assertThat(MqttPackets.disconnectReason(packet)).isEqualTo("reason code 0x95 \"large\"");
    }
}
