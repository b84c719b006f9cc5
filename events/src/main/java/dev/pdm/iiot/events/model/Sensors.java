package dev.pdm.iiot.events.model;

import java.util.List;

/** The sensor fields of the prototype's reading, with their units. */
public final class Sensors {

    /** Degrees Celsius. */
    public static final String TEMPERATURE = "temperature";
    /** Vibration velocity, mm/s RMS. */
    public static final String VIBRATION = "vibration";
    /** Motor current, A. */
    public static final String CURRENT = "current";
    /** Discharge pressure, bar. */
    public static final String PRESSURE = "pressure";
    /** Shaft speed, 1/min. */
    public static final String RPM = "rpm";
    /** Hours since the simulator started the machine (prototype field, not a sensor of the machine). */
    public static final String RUNTIME_HOURS = "runtime_hours";
    /** The prototype simulator's hidden degradation, 0 to 100 (ground truth, not a sensor). */
    public static final String DEGRADATION_LEVEL = "degradation_level";

    /** The five physical sensors, the detector's default features. */
    public static final List<String> PHYSICAL = List.of(TEMPERATURE, VIBRATION, CURRENT, PRESSURE, RPM);

    private Sensors() {
    }

    /** The unit of a known sensor, or an empty string. */
    public static String unitOf(final String sensor) {
        return switch (sensor) {
            case TEMPERATURE -> "°C";
            case VIBRATION -> "mm/s";
            case CURRENT -> "A";
            case PRESSURE -> "bar";
            case RPM -> "rpm";
            case RUNTIME_HOURS -> "h";
            case DEGRADATION_LEVEL -> "%";
            default -> "";
        };
    }
}
