package dev.pdm.iiot.simulator.mqtt;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The few MQTT 5 packets a publishing device exchanges with its broker (OASIS MQTT 5.0, chapter 3),
 * encoded and decoded for {@link NioClient}: CONNECT / CONNACK, PUBLISH at QoS 1 / PUBACK,
 * PINGREQ / PINGRESP, DISCONNECT. Properties the client does not use are skipped by their type.
 */
final class MqttPackets {

    static final int CONNACK = 2;
    static final int PUBACK = 4;
    static final int PINGRESP = 13;
    static final int DISCONNECT = 14;

    private static final byte[] PROTOCOL = {0, 4, 'M', 'Q', 'T', 'T', 5};
    private static final int PROPERTY_SESSION_EXPIRY = 0x11;
    private static final int PROPERTY_REASON_STRING = 0x1F;
    private static final int PROPERTY_RECEIVE_MAXIMUM = 0x21;
    private static final int PROPERTY_MAXIMUM_PACKET_SIZE = 0x27;
    /** The largest remaining length MQTT can encode (four bytes of variable byte integer). */
    private static final int MAX_REMAINING_LENGTH = 268_435_455;

    private MqttPackets() {
    }

    /** A packet read off the wire: its type (the high four bits of its first byte) and its body. */
    record Packet(int type, int flags, ByteBuffer body) {
    }

    /** The broker's answer to CONNECT. */
    record Connack(boolean sessionPresent, int reasonCode, int receiveMaximum, long maximumPacketSize,
                   String reasonString) {
    }

    /** A PUBACK: the packet it answers, its reason code (0 = success) and reason string (or null). */
    record Puback(int packetId, int reasonCode, String reasonString) {
    }

    static ByteBuffer connect(final String clientId, final boolean cleanStart, final long sessionExpirySeconds,
                              final int keepAliveSeconds, final String username, final String password) {
        final byte[] id = utf8(clientId);
        final byte[] user = username == null ? null : utf8(username);
        final byte[] pass = password == null ? null : utf8(password);
        final int properties = sessionExpirySeconds > 0 ? 5 : 0;
        int remaining = PROTOCOL.length + 1 + 2 + varIntLength(properties) + properties + 2 + id.length;
        remaining += user == null ? 0 : 2 + user.length;
        remaining += pass == null ? 0 : 2 + pass.length;
        final ByteBuffer b = ByteBuffer.allocate(1 + varIntLength(remaining) + remaining);
        b.put((byte) 0x10);
        putVarInt(b, remaining);
        b.put(PROTOCOL);
        b.put((byte) ((cleanStart ? 0x02 : 0) | (pass != null ? 0x40 : 0) | (user != null ? 0x80 : 0)));
        b.putShort((short) keepAliveSeconds);
        putVarInt(b, properties);
        if (sessionExpirySeconds > 0) {
            b.put((byte) PROPERTY_SESSION_EXPIRY).putInt((int) Math.min(sessionExpirySeconds, 0xFFFF_FFFFL));
        }
        putBytes(b, id);
        if (user != null) {
            putBytes(b, user);
        }
        if (pass != null) {
            putBytes(b, pass);
        }
        return b.flip();
    }

    /** Reads the CONNACK from a blocking stream. */
    static Connack readConnack(final InputStream in) throws IOException {
        final int first = readByte(in);
        if (first >> 4 != CONNACK) {
            throw new IOException("expected a CONNACK, got an MQTT packet of type " + (first >> 4));
        }
        int remaining = 0;
        for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
            b = readByte(in);
            remaining |= (b & 0x7F) << shift;
        }
        final ByteBuffer body = ByteBuffer.wrap(in.readNBytes(remaining));
        if (body.remaining() < remaining) {
            throw new EOFException("the connection closed inside the CONNACK");
        }
        final boolean sessionPresent = (body.get() & 0x01) != 0;
        final int reasonCode = body.get() & 0xFF;
        int receiveMaximum = 65_535;
        long maximumPacketSize = Long.MAX_VALUE;
        String reasonString = null;
        if (body.hasRemaining()) {
            final int end = readVarInt(body) + body.position();
            while (body.position() < end) {
                final int id = body.get() & 0xFF;
                switch (id) {
                    case PROPERTY_RECEIVE_MAXIMUM -> receiveMaximum = body.getShort() & 0xFFFF;
                    case PROPERTY_MAXIMUM_PACKET_SIZE -> maximumPacketSize = body.getInt() & 0xFFFF_FFFFL;
                    case PROPERTY_REASON_STRING -> reasonString = readString(body);
                    default -> skipProperty(id, body);
                }
            }
        }
        return new Connack(sessionPresent, reasonCode, receiveMaximum, maximumPacketSize, reasonString);
    }

    /** PUBLISH at QoS 1, no retain, no properties. */
    static ByteBuffer publishQos1(final String topic, final byte[] payload, final int packetId) {
        final byte[] name = utf8(topic);
        final int remaining = 2 + name.length + 2 + 1 + payload.length;
        if (remaining > MAX_REMAINING_LENGTH) {
            throw new IllegalArgumentException("a PUBLISH of " + remaining + " bytes is larger than MQTT allows");
        }
        final ByteBuffer b = ByteBuffer.allocate(1 + varIntLength(remaining) + remaining);
        b.put((byte) 0x32);
        putVarInt(b, remaining);
        putBytes(b, name);
        b.putShort((short) packetId);
        b.put((byte) 0);
        b.put(payload);
        return b.flip();
    }

    /** Sets the DUP flag of a PUBLISH sent again. */
    static void markDuplicate(final ByteBuffer publish) {
        publish.put(0, (byte) (publish.get(0) | 0x08));
    }

    static ByteBuffer pingreq() {
        return ByteBuffer.wrap(new byte[]{(byte) 0xC0, 0});
    }

    /** DISCONNECT, normal disconnection. */
    static ByteBuffer disconnect() {
        return ByteBuffer.wrap(new byte[]{(byte) 0xE0, 0});
    }

    /**
     * The next whole packet in the buffer (positioned for reading), or null when it holds only part
     * of one; the buffer's position moves past what is returned.
     */
    static Packet next(final ByteBuffer in) throws IOException {
        final int start = in.position();
        if (in.remaining() < 2) {
            return null;
        }
        final int first = in.get() & 0xFF;
        int remaining = 0;
        int shift = 0;
        int b;
        do {
            if (!in.hasRemaining()) {
                in.position(start);
                return null;
            }
            b = in.get() & 0xFF;
            remaining |= (b & 0x7F) << shift;
            shift += 7;
            if (shift > 28) {
                throw new IOException("malformed remaining length");
            }
        } while ((b & 0x80) != 0);
        if (in.remaining() < remaining) {
            in.position(start);
            return null;
        }
        final ByteBuffer body = in.slice(in.position(), remaining);
        in.position(in.position() + remaining);
        return new Packet(first >> 4, first & 0x0F, body);
    }

    static Puback puback(final Packet packet) throws IOException {
        try {
            final ByteBuffer body = packet.body();
            final int packetId = body.getShort() & 0xFFFF;
            final int reasonCode = body.hasRemaining() ? body.get() & 0xFF : 0;
            String reasonString = null;
            if (body.hasRemaining()) {
                final int end = readVarInt(body) + body.position();
                while (body.position() < end) {
                    final int id = body.get() & 0xFF;
                    if (id == PROPERTY_REASON_STRING) {
                        reasonString = readString(body);
                    } else {
                        skipProperty(id, body);
                    }
                }
            }
            return new Puback(packetId, reasonCode, reasonString);
        } catch (BufferUnderflowException e) {
            throw new IOException("malformed PUBACK", e);
        }
    }

    /** The reason of a broker's DISCONNECT, as people read it. */
    static String disconnectReason(final Packet packet) {
        final ByteBuffer body = packet.body();
        final int code = body.hasRemaining() ? body.get() & 0xFF : 0;
        String reason = null;
        try {
            if (body.hasRemaining()) {
                final int end = readVarInt(body) + body.position();
                while (body.position() < end) {
                    final int id = body.get() & 0xFF;
                    if (id == PROPERTY_REASON_STRING) {
                        reason = readString(body);
                    } else {
                        skipProperty(id, body);
                    }
                }
            }
        } catch (IOException | BufferUnderflowException e) {
            // the code is what matters
        }
        return "reason code 0x" + Integer.toHexString(code) + (reason == null ? "" : " \"" + reason + "\"");
    }

    /** Skips a property's value by the type MQTT 5 gives its identifier (2.2.2.2). */
    private static void skipProperty(final int id, final ByteBuffer body) throws IOException {
        switch (id) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> body.get();
            case 0x13, 0x21, 0x22, 0x23 -> body.getShort();
            case 0x02, 0x11, 0x18, 0x27 -> body.getInt();
            case 0x0B -> readVarInt(body);
            case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F, 0x09, 0x16 -> body.position(body.position() + (body.getShort() & 0xFFFF));
            case 0x26 -> {
                body.position(body.position() + (body.getShort() & 0xFFFF));
                body.position(body.position() + (body.getShort() & 0xFFFF));
            }
            default -> throw new IOException("unknown MQTT property 0x" + Integer.toHexString(id));
        }
    }

    private static String readString(final ByteBuffer body) {
        final byte[] bytes = new byte[body.getShort() & 0xFFFF];
        body.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static int readVarInt(final ByteBuffer body) throws IOException {
        int value = 0;
        for (int shift = 0; shift <= 21; shift += 7) {
            final int b = body.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable byte integer");
    }

    static void putVarInt(final ByteBuffer b, final int value) {
        int v = value;
        do {
            int digit = v % 128;
            v /= 128;
            if (v > 0) {
                digit |= 0x80;
            }
            b.put((byte) digit);
        } while (v > 0);
    }

    static int varIntLength(final int value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    private static void putBytes(final ByteBuffer b, final byte[] bytes) {
        b.putShort((short) bytes.length).put(bytes);
    }

    private static byte[] utf8(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int readByte(final InputStream in) throws IOException {
        final int b = in.read();
        if (b < 0) {
            throw new EOFException("the broker closed the connection during the handshake");
        }
        return b;
    }
}
