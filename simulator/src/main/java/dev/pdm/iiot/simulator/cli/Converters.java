package dev.pdm.iiot.simulator.cli;

import dev.pdm.iiot.simulator.core.Durations;
import dev.pdm.iiot.simulator.faults.DegradationMix;
import dev.pdm.iiot.simulator.faults.FaultSpec;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Picocli converters for the simulator's option types. */
final class Converters {

    private Converters() {
    }

    /** {@code 500ms}, {@code 3s}, {@code 10m}, {@code 1h30m}, {@code PT10M}, or plain seconds. */
    static final class TransportConverter implements ITypeConverter<MqttSettings.Transport> {
        @Override
        public MqttSettings.Transport convert(final String value) {
            for (final MqttSettings.Transport transport : MqttSettings.Transport.values()) {
                if (transport.optionValue().equalsIgnoreCase(value.trim())) {
                    return transport;
                }
            }
            throw new TypeConversionException("'" + value + "' is not an MQTT client: write paho or nio");
        }
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(final String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code machine=MACHINE_002,type=BEARING_WEAR,start=10m,duration=30m[,severity=0.8][,sensor=rpm]}. */
    static final class FaultSpecConverter implements ITypeConverter<FaultSpec> {
        @Override
        public FaultSpec convert(final String value) {
            try {
                return FaultSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A slow degradation's mix, case-insensitively: {@code BEARING}, {@code cooling}. */
    static final class MixConverter implements ITypeConverter<DegradationMix> {
        @Override
        public DegradationMix convert(final String value) {
            try {
                return DegradationMix.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An ISO-8601 instant, {@code 2025-11-21T08:00:00Z}. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(final String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("not an ISO-8601 instant such as 2025-11-21T08:00:00Z: '" + value + "'");
            }
        }
    }
}
