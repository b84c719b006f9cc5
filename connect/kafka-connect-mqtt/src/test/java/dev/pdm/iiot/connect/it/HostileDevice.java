package dev.pdm.iiot.connect.it;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A device that publishes whatever it is given and knows nothing of the broker's limits: plain MQTT
 * 3.1.1 over a socket (an MQTT 5 client would refuse a packet larger than the broker announces
 * before sending it), QoS 1, a clean session, and nothing ever sent twice. A packet the broker
 * refuses ends the connection (MQTT 3 has no other way to say no); the next publish connects anew.
 */
final class HostileDevice implements AutoCloseable {

    /** What became of a publish. */
    enum Outcome { ACKNOWLEDGED, REFUSED }

    private static final int CONNECT = 0x10;
    private static final int CONNACK = 0x20;
    private static final int PUBLISH_QOS1 = 0x32;
    private static final int PUBACK = 0x40;

    private final String host;
    private final int port;
    private final String clientId;
    private final Duration timeout;
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private int packetId;

    HostileDevice(final String mqttUri, final String clientId, final Duration timeout) {
        final URI uri = URI.create(mqttUri);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.clientId = clientId;
        this.timeout = timeout;
    }

    /** Publishes one message and waits for the broker's PUBACK, or for it to close the connection. */
    Outcome publish(final String topic, final byte[] payload) throws IOException {
        connectIfNeeded();
        final int id = nextPacketId();
        try {
            writePublish(topic, payload, id);
            out.flush();
            final int type = readPacket();
            if (type != PUBACK) {
                throw new IOException("expected a PUBACK, got packet type " + type);
            }
            return Outcome.ACKNOWLEDGED;
        } catch (IOException e) {
            disconnect();
            return Outcome.REFUSED;
        }
    }

    /**
     * Publishes every payload on one connection as fast as the socket takes them, without waiting
     * for acknowledgements in between, and returns how many the broker acknowledged.
     */
    int flood(final String topic, final List<byte[]> payloads) throws IOException, InterruptedException {
        connectIfNeeded();
        final AtomicInteger acknowledged = new AtomicInteger();
        final DataInputStream input = in;
        final Thread reader = new Thread(() -> {
            try {
                while (acknowledged.get() < payloads.size() && readPacket(input) == PUBACK) {
                    acknowledged.incrementAndGet();
                }
            } catch (IOException e) {
                // the broker closed the connection: what was acknowledged is counted
            }
        }, "hostile-device-acks-" + clientId);
        reader.start();
        for (final byte[] payload : payloads) {
            writePublish(topic, payload, nextPacketId());
        }
        out.flush();
        reader.join(timeout.toMillis());
        return acknowledged.get();
    }

    private void connectIfNeeded() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);    // MQTT 3.1.1
        body.write(0x02); // clean session
        body.write(0);    // keep-alive 0: none
        body.write(0);
        writeString(body, clientId);
        writePacket(CONNECT, body.toByteArray());
        out.flush();
        final int type = readPacket();
        if (type != CONNACK) {
            disconnect();
            throw new IOException("expected a CONNACK, got packet type " + type);
        }
    }

    private int nextPacketId() {
        packetId = packetId % 65_535 + 1;
        return packetId;
    }

    private void writePublish(final String topic, final byte[] payload, final int id) throws IOException {
        final byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        writeHeader(PUBLISH_QOS1, 2 + name.length + 2 + payload.length);
        out.write(name.length >> 8);
        out.write(name.length & 0xFF);
        out.write(name);
        out.write(id >> 8);
        out.write(id & 0xFF);
        out.write(payload);
    }

    private void writePacket(final int type, final byte[] body) throws IOException {
        writeHeader(type, body.length);
        out.write(body);
    }

    /** The fixed header: the type and the remaining length as MQTT's variable-length integer. */
    private void writeHeader(final int type, final int remaining) throws IOException {
        out.write(type);
        int length = remaining;
        do {
            int digit = length % 128;
            length /= 128;
            if (length > 0) {
                digit |= 0x80;
            }
            out.write(digit);
        } while (length > 0);
    }

    private static void writeString(final ByteArrayOutputStream body, final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        body.write(bytes.length >> 8);
        body.write(bytes.length & 0xFF);
        body.write(bytes, 0, bytes.length);
    }

    private int readPacket() throws IOException {
        return readPacket(in);
    }

    /** Reads one packet and returns its type; its body is skipped. */
    private static int readPacket(final DataInputStream input) throws IOException {
        final int first = input.read();
        if (first < 0) {
            throw new EOFException("the broker closed the connection");
        }
        int remaining = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = input.readUnsignedByte();
            remaining += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        input.skipNBytes(remaining);
        return first & 0xF0;
    }

    private void disconnect() {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
