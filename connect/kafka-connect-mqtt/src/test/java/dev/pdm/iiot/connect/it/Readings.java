package dev.pdm.iiot.connect.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** Readings in the prototype's shape, with our {@code seq} so that a test can tell each one apart. */
final class Readings {

    private Readings() {
    }

    static String machine(final int n) {
        return String.format(Locale.ROOT, "MACHINE_%03d", n);
    }

    static String topic(final String root, final String machineId) {
        return root + "/machines/" + machineId + "/sensors";
    }

    static String id(final String machineId, final long seq) {
        return machineId + "#" + seq;
    }

    static byte[] reading(final String machineId, final long seq) {
        return String.format(Locale.ROOT, "{\"machine_id\":\"%s\",\"timestamp\":\"%s\",\"seq\":%d,"
                        + "\"temperature\":%.1f,\"vibration\":2.01,\"current\":10.2,\"pressure\":6.0,\"rpm\":1500}",
                machineId, Instant.now(), seq, 60.0 + seq % 10).getBytes(StandardCharsets.UTF_8);
    }
}
