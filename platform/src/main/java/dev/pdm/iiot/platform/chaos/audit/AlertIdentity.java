package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig;
import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.platform.PlatformConnectors;

import java.time.Instant;
import java.util.Locale;

/**
 * One state of one alert, as far as the alert sink's MQTT payload tells it. The sink
 * ({@code connect/kafka-connect-mqtt}, {@code mqtt-alerts-sink.json}) publishes every record of
 * {@code machine-alerts} (every type, every status) at its QoS: with {@code mqtt.payload.format}
 * {@code unchanged}, the platform's default, the record's value byte for byte, so a state is its
 * alert id, status, count and timestamp (no two states of one alert share them); with
 * {@code prototype} only the prototype's seven fields, so a state is its alert id and timestamp.
 *
 * @param status null in the prototype's format
 * @param count  0 in the prototype's format
 */
public record AlertIdentity(String alertId, AlertStatus status, long count, Instant timestamp) {

    public static AlertIdentity of(final Alert alert, final PayloadFormat format) {
        return format == PayloadFormat.PROTOTYPE
                ? new AlertIdentity(alert.alertId(), null, 0, alert.timestamp())
                : new AlertIdentity(alert.alertId(), alert.status(), alert.count(), alert.timestamp());
    }

    /** The payload format of the platform's alert sink, as its packaged definition sets it. */
    public static PayloadFormat sinkFormat() {
        final String value = PlatformConnectors.load(PlatformConnectors.ALERT_SINK).config()
                .getOrDefault(MqttSinkConfig.PAYLOAD_FORMAT, PayloadFormat.UNCHANGED.configValue());
        return PayloadFormat.valueOf(value.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return alertId + (status == null ? "" : " " + status + " count " + count) + " at " + timestamp;
    }
}
