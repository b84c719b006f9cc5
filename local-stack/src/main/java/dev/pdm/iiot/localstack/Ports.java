package dev.pdm.iiot.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Port selection. A requested port of 0 means "any free port": it is chosen once, when a component
 * first starts, and then kept, so that a component stopped and started again listens where its
 * clients already connect.
 */
public final class Ports {

    /** The highest TCP port. */
    public static final int MAX_PORT = 65_535;

    private Ports() {
    }

    /**
     * Resolves requested ports: a positive port stays as it is, every 0 becomes a distinct port that
     * is free on every local address right now. All probe sockets are held until every port is
     * chosen, so two zeros never get the same port.
     *
     * @throws IllegalArgumentException for a port outside 0..65535
     */
    public static int[] resolve(final int... requested) {
        final int[] resolved = new int[requested.length];
        final List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i < requested.length; i++) {
                final int port = check(requested[i]);
                if (port == 0) {
                    final ServerSocket probe = new ServerSocket(0);
                    probes.add(probe);
                    resolved[i] = probe.getLocalPort();
                } else {
                    resolved[i] = port;
                }
            }
            return resolved;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        } finally {
            for (final ServerSocket probe : probes) {
                closeQuietly(probe);
            }
        }
    }

    /** Resolves one requested port, see {@link #resolve(int...)}. */
    public static int resolve(final int requested) {
        return resolve(new int[] {requested})[0];
    }

    /** @return the port, when it is in 0..65535 (0 = any free port) */
    public static int check(final int port) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port must be in 0.." + MAX_PORT + " (0 = any free port), was " + port);
        }
        return port;
    }

    /**
     * The host a client on this machine uses to reach a listener bound to {@code bindAddress}: the
     * address itself, or loopback for a wildcard address.
     */
    public static String clientHost(final String bindAddress) {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bindAddress;
        };
    }

    private static void closeQuietly(final ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a probe that cannot be closed is closed by the JVM; the port choice stands
        }
    }
}
