package dev.pdm.iiot.simulator.physics;

/**
 * What a machine's five sensors measure at one instant, noise included, before rounding.
 *
 * @param temperature °C
 * @param vibration   mm/s RMS
 * @param current     A
 * @param pressure    bar
 * @param rpm         1/min
 */
public record PhysicalState(double temperature, double vibration, double current, double pressure, double rpm) {
}
