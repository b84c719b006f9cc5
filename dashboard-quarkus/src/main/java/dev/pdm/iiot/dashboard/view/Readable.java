package dev.pdm.iiot.dashboard.view;

import dev.pdm.iiot.events.model.Sensors;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Numbers as an engineer reads them on the page: durations in the unit that suits them, sensor
 * values with their unit and a sensible number of digits.
 */
public final class Readable {

    private static final double HOURS_PER_DAY = 24;
    private static final double DAYS_PER_YEAR = 365;

    private Readable() {
    }

    /**
     * A duration given in hours: minutes under 1 h ({@code "40 min"}), hours up to 48 h with one
     * decimal under 10 h ({@code "1.5 h"}, {@code "9 h"}, {@code "14 h"}), days beyond
     * ({@code "2.5 days"}, {@code "12 days"}), years from 365 days. Null when there is no sensible
     * duration (negative, NaN, infinite).
     */
    public static String hours(final double hours) {
        final Amount amount = amount(hours);
        return amount == null ? null : amount.number() + " " + amount.unit();
    }

    /**
     * An interval of durations in hours: {@code "9–30 h"} when both ends take the same unit,
     * {@code "40 min – 2.5 h"} when not, {@code "9 h or later"} without a later end,
     * {@code "up to 30 h"} without an earlier one; null without either.
     */
    public static String hoursRange(final Double low, final Double high) {
        final Amount from = low == null ? null : amount(low);
        final Amount to = high == null ? null : amount(high);
        if (from == null && to == null) {
            return null;
        }
        if (to == null) {
            return from.number() + " " + from.unit() + " or later";
        }
        if (from == null) {
            return "up to " + to.number() + " " + to.unit();
        }
        if (from.unit().equals(to.unit())) {
            return from.number() + "–" + to.number() + " " + to.unit();
        }
        return from.number() + " " + from.unit() + " – " + to.number() + " " + to.unit();
    }

    /** A span of readings: {@code "3.0 h"} (one decimal) up to 48 h, then as {@link #hours(double)}. */
    public static String span(final double hours) {
        if (Double.isFinite(hours) && hours >= 0 && hours <= 48) {
            return String.format(Locale.ROOT, "%.1f h", hours);
        }
        return hours(hours);
    }

    /** A sensor's value with its unit and its usual digits: {@code "78.1 °C"}, {@code "3.10 mm/s"}. */
    public static String value(final String sensor, final double value) {
        return withUnit(sensor, String.format(Locale.ROOT, "%." + digits(sensor) + "f", value));
    }

    /** A limit or other round figure, without trailing zeros: {@code "90 °C"}, {@code "7.1 mm/s"}. */
    public static String figure(final String sensor, final double value) {
        final String fixed = String.format(Locale.ROOT, "%." + digits(sensor) + "f", value);
        return withUnit(sensor, new BigDecimal(fixed).stripTrailingZeros().toPlainString());
    }

    /**
     * A rate per hour with its sign and enough digits to show it: {@code "+0.8 °C/h"},
     * {@code "-0.05 mm/s/h"}, {@code "+12 rpm/h"}.
     */
    public static String ratePerHour(final String sensor, final double rate) {
        final double size = Math.abs(rate);
        final int digits = size >= 10 ? 0 : size >= 0.1 ? 1 : size >= 0.01 ? 2 : 3;
        final String unit = Sensors.unitOf(sensor);
        return String.format(Locale.ROOT, "%+." + digits + "f", rate) + (unit.isEmpty() ? "/h" : " " + unit + "/h");
    }

    /** The digits a sensor's values are shown with. */
    static int digits(final String sensor) {
        return switch (sensor) {
            case Sensors.TEMPERATURE, Sensors.CURRENT -> 1;
            case Sensors.RPM -> 0;
            default -> 2;
        };
    }

    private static String withUnit(final String sensor, final String number) {
        final String unit = Sensors.unitOf(sensor);
        return unit.isEmpty() ? number : number + " " + unit;
    }

    private static Amount amount(final double hours) {
        if (!Double.isFinite(hours) || hours < 0) {
            return null;
        }
        final long minutes = Math.round(hours * 60);
        if (minutes < 60) {
            return new Amount(Long.toString(minutes), "min");
        }
        if (hours < 9.95) {
            return new Amount(trimmed(hours, 1), "h");
        }
        if (hours < 48.5) {
            return new Amount(Long.toString(Math.round(hours)), "h");
        }
        final double days = hours / HOURS_PER_DAY;
        if (days < 9.95) {
            return new Amount(trimmed(days, 1), "days");
        }
        if (days < DAYS_PER_YEAR) {
            return new Amount(Long.toString(Math.round(days)), "days");
        }
        final double years = days / DAYS_PER_YEAR;
        return new Amount(years < 9.95 ? trimmed(years, 1) : Long.toString(Math.round(years)),
                years < 1.05 ? "year" : "years");
    }

    private static String trimmed(final double value, final int digits) {
        return new BigDecimal(String.format(Locale.ROOT, "%." + digits + "f", value)).stripTrailingZeros()
                .toPlainString();
    }

    private record Amount(String number, String unit) {
    }
}
