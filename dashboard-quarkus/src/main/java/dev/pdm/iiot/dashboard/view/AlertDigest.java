package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Contributor;
import dev.pdm.iiot.events.model.SensorTrend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An alert in words, as the page shows it: what drove it, how its sensors trend and when the
 * soonest of them reaches its limit. Sent beside every alert on the WebSocket.
 *
 * @param drivers          ANOMALY: the sensors that drove it ({@code "temperature ↑ 8.2σ (82.4 vs 70.1 °C)"});
 *                         PEER_DEVIATION: each sensor against its peers ({@code "vibration 3.10 mm/s vs peers' 2.00 mm/s (↑ 3.4σ)"})
 * @param trends           DEGRADATION: each trend ({@code "temperature +0.8 °C/h over 3.0 h (now 78.1 °C, healthy 72.0 °C)"})
 * @param timeToLimit      DEGRADATION: the soonest limit, when the trend heads for one
 *                         ({@code "temperature: limit 90 °C in ~14 h (9–30 h)"}, or {@code "… reached"})
 * @param timeToLimitShort the same for a machine's card ({@code "temperature 90 °C in ~14 h"})
 * @param hoursToLimit     the soonest estimate in hours
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AlertDigest(
        @JsonProperty("drivers") List<String> drivers,
        @JsonProperty("trends") List<String> trends,
        @JsonProperty("time_to_limit") String timeToLimit,
        @JsonProperty("time_to_limit_short") String timeToLimitShort,
        @JsonProperty("hours_to_limit") Double hoursToLimit) {

    /** Sensors named as drivers, strongest first. */
    static final int MAX_DRIVERS = 3;

    public AlertDigest {
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
        trends = trends == null ? List.of() : List.copyOf(trends);
    }

    public static AlertDigest of(final Alert alert) {
        final List<String> drivers = switch (alert.type()) {
            case Alert.TYPE_PEER_DEVIATION -> lines(alert.contributors(), AlertDigest::againstPeers);
            case Alert.TYPE_STUCK_SENSOR, Alert.TYPE_SILENT, Alert.TYPE_DEGRADATION -> List.of();
            default -> lines(alert.contributors(), AlertDigest::driver);
        };
        final List<String> trends = new ArrayList<>();
        SensorTrend soonest = null;
        for (final SensorTrend trend : alert.trends()) {
            trends.add(trend(trend));
            if (trend.hoursToLimit() != null && Double.isFinite(trend.hoursToLimit())
                    && (soonest == null || trend.hoursToLimit() < soonest.hoursToLimit())) {
                soonest = trend;
            }
        }
        if (soonest == null) {
            return new AlertDigest(drivers, trends, null, null, null);
        }
        final double hours = Math.max(0, soonest.hoursToLimit());
        final String limit = soonest.limit() == null ? "limit" : Readable.figure(soonest.sensor(), soonest.limit());
        final String when;
        final String range = Readable.hoursRange(soonest.hoursToLimitLow(), soonest.hoursToLimitHigh());
        if (hours == 0) {
            when = "reached";
        } else {
            when = "in ~" + Readable.hours(hours);
        }
        final String full = soonest.sensor() + ": " + (soonest.limit() == null ? "limit" : "limit " + limit) + " "
                + when + (hours > 0 && range != null ? " (" + range + ")" : "");
        final String shortText = soonest.sensor() + " " + limit + " " + when;
        return new AlertDigest(drivers, trends, full, shortText, hours);
    }

    /** {@code "temperature ↑ 8.2σ (82.4 vs 70.1 °C)"}: a sensor against the machine's own normal. */
    static String driver(final Contributor c) {
        return String.format(Locale.ROOT, "%s %s %.1fσ (%s vs %s)", c.sensor(), arrow(c), Math.abs(c.z()),
                String.format(Locale.ROOT, "%." + Readable.digits(c.sensor()) + "f", c.value()),
                Readable.value(c.sensor(), c.mean()));
    }

    /** {@code "vibration 3.10 mm/s vs peers' 2.00 mm/s (↑ 3.4σ)"}: a sensor against its group's mean. */
    static String againstPeers(final Contributor c) {
        return String.format(Locale.ROOT, "%s %s vs peers' %s (%s %.1fσ)", c.sensor(),
                Readable.value(c.sensor(), c.value()), Readable.value(c.sensor(), c.mean()), arrow(c), Math.abs(c.z()));
    }

    /** {@code "temperature +0.8 °C/h over 3.0 h (now 78.1 °C, healthy 72.0 °C)"}. */
    static String trend(final SensorTrend t) {
        return t.sensor() + " " + Readable.ratePerHour(t.sensor(), t.ratePerHour()) + " over "
                + Readable.span(t.overHours()) + " (now " + Readable.value(t.sensor(), t.level()) + ", healthy "
                + Readable.value(t.sensor(), t.reference()) + ")";
    }

    private static String arrow(final Contributor c) {
        return c.direction() == Contributor.Direction.BELOW ? "↓" : "↑";
    }

    private static List<String> lines(final List<Contributor> contributors,
                                      final java.util.function.Function<Contributor, String> line) {
        return contributors.stream().limit(MAX_DRIVERS).map(line).toList();
    }
}
