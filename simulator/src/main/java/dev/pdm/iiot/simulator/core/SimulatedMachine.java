package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.Sensors;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.faults.FaultDraws;
import dev.pdm.iiot.simulator.faults.FaultEffects;
import dev.pdm.iiot.simulator.faults.FaultEpisode;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.MachineFaultPlan;
import dev.pdm.iiot.simulator.output.FaultLabel;
import dev.pdm.iiot.simulator.output.LabelSink;
import dev.pdm.iiot.simulator.physics.Disturbance;
import dev.pdm.iiot.simulator.physics.MachineModel;
import dev.pdm.iiot.simulator.physics.PhysicalState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One machine of the plant: its physics, its fault episodes and the readings it sends, in the
 * prototype's fields (five sensors, {@code runtime_hours}, {@code degradation_level}). Not thread-safe.
 */
public final class SimulatedMachine {

    private final String machineId;
    private final MachineModel model;
    private final MachineFaultPlan plan;
    private final SplittableRandom faultRandom;
    private final ReadingFormat format;
    private final LabelSink labels;
    private final List<FaultEpisode> active = new ArrayList<>(2);
    private final Map<FaultEpisode, Double> stuckValues = new HashMap<>();
    private final Map<String, Double> lastSent = new HashMap<>();
    private long seq;

    public SimulatedMachine(final String machineId, final MachineModel model, final MachineFaultPlan plan,
                            final SplittableRandom faultRandom, final ReadingFormat format, final LabelSink labels) {
        this.machineId = machineId;
        this.model = model;
        this.plan = plan;
        this.faultRandom = faultRandom;
        this.format = format;
        this.labels = labels;
    }

    public String machineId() {
        return machineId;
    }

    /** The episodes running now. */
    public List<FaultEpisode> activeEpisodes() {
        return List.copyOf(active);
    }

    /**
     * The reading taken at {@code t}.
     *
     * @param t       the instant
     * @param elapsed seconds since the run started
     * @param dt      seconds since this machine's previous reading (0 on its first)
     */
    public TelemetryReading read(final Instant t, final double elapsed, final double dt) {
        updateEpisodes(t);
        final FaultDraws draws = FaultDraws.next(faultRandom);
        Disturbance disturbance = Disturbance.NONE;
        for (final FaultEpisode e : active) {
            disturbance = disturbance.plus(FaultEffects.disturbance(e, t, draws));
        }
        final PhysicalState s = model.step(elapsed, dt, disturbance);

        final Map<String, Double> values = new LinkedHashMap<>(12);
        values.put(Sensors.TEMPERATURE, round(s.temperature(), 2));
        values.put(Sensors.VIBRATION, round(s.vibration(), 3));
        values.put(Sensors.CURRENT, round(s.current(), 2));
        values.put(Sensors.PRESSURE, round(s.pressure(), 3));
        values.put(Sensors.RPM, round(s.rpm(), 0));
        applySensorFaults(values, t, draws);
        for (final Map.Entry<String, Double> v : values.entrySet()) {
            if (!v.getValue().isNaN()) {
                lastSent.put(v.getKey(), v.getValue());
            }
        }
        values.put(Sensors.RUNTIME_HOURS, round(elapsed / 3600.0, 4));
        values.put(Sensors.DEGRADATION_LEVEL, round(100.0 * disturbance.degradation(), 1));

        return new TelemetryReading(machineId, t, values,
                format.schemaVersion() ? TelemetryReading.CURRENT_SCHEMA_VERSION : null,
                format.seq() ? seq++ : null, format.machineType());
    }

    private void updateEpisodes(final Instant t) {
        for (final FaultEpisode e : plan.startingUpTo(t)) {
            labels.started(labelOf(e));
            if (e.isOverAt(t)) {
                labels.ended(labelOf(e).endedAt(e.end()));
            } else {
                active.add(e);
                if (e.type() == FaultType.STUCK_SENSOR) {
                    stuckValues.put(e, lastSent.get(e.sensor()));
                }
            }
        }
        for (final Iterator<FaultEpisode> it = active.iterator(); it.hasNext(); ) {
            final FaultEpisode e = it.next();
            if (e.isOverAt(t)) {
                it.remove();
                stuckValues.remove(e);
                labels.ended(labelOf(e).endedAt(e.end()));
            }
        }
    }

    private void applySensorFaults(final Map<String, Double> values, final Instant t, final FaultDraws draws) {
        for (final FaultEpisode e : active) {
            if (e.type() == FaultType.STUCK_SENSOR) {
                final Double stuck = stuckValues.get(e);
                if (stuck == null) {
                    // no value sent before the episode: the sensor sticks at this one
                    stuckValues.put(e, values.get(e.sensor()));
                } else {
                    values.put(e.sensor(), stuck);
                }
            } else if (e.type() == FaultType.SENSOR_DROPOUT && FaultEffects.isDroppedOut(e, t, draws)) {
                if (format.dropout() == ReadingFormat.DropoutEncoding.NAN) {
                    values.put(e.sensor(), Double.NaN);
                } else {
                    values.remove(e.sensor());
                }
            }
        }
    }

    private FaultLabel labelOf(final FaultEpisode e) {
        return new FaultLabel(machineId, e.type().name(), e.start(), null, e.detail());
    }

    private static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
