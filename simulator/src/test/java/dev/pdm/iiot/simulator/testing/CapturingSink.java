package dev.pdm.iiot.simulator.testing;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.output.ReadingSink;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the JSON of every reading a simulation hands over, in order. */
public final class CapturingSink implements ReadingSink {

    private final List<String> json = new CopyOnWriteArrayList<>();
    private final List<TelemetryReading> readings = new CopyOnWriteArrayList<>();

    @Override
    public void accept(final TelemetryReading reading, final byte[] bytes) {
        readings.add(reading);
        json.add(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
    }

    public List<String> json() {
        return List.copyOf(json);
    }

    public List<TelemetryReading> readings() {
        return List.copyOf(readings);
    }
}
