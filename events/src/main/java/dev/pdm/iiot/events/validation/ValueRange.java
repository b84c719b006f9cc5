package dev.pdm.iiot.events.validation;

/** A closed interval of plausible values for a sensor. */
public record ValueRange(double min, double max) {

    public ValueRange {
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("not a range: [" + min + ", " + max + "]");
        }
    }

    public boolean contains(final double value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + max + "]";
    }
}
