package dev.pdm.iiot.events.json;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.TelemetryReading;

/** The serde of every event type; each call returns a new, independent instance. */
public final class EventSerdes {

    private EventSerdes() {
    }

    /**
     * Readings already accepted by the platform. To read what a device sent, with the reasons for a
     * rejection, use {@link dev.pdm.iiot.events.validation.ReadingParser}.
     */
    public static JsonSerde<TelemetryReading> reading() {
        return new JsonSerde<>(TelemetryReading.class);
    }

    public static JsonSerde<Alert> alert() {
        return new JsonSerde<>(Alert.class);
    }

    public static JsonSerde<MachineStatus> machineStatus() {
        return new JsonSerde<>(MachineStatus.class);
    }

    public static JsonSerde<ModelDescriptor> modelDescriptor() {
        return new JsonSerde<>(ModelDescriptor.class);
    }

    public static JsonSerde<AlertCommand> alertCommand() {
        return new JsonSerde<>(AlertCommand.class);
    }

    public static JsonSerde<MachineCommand> machineCommand() {
        return new JsonSerde<>(MachineCommand.class);
    }

    public static JsonSerde<MinuteAggregate> minuteAggregate() {
        return new JsonSerde<>(MinuteAggregate.class);
    }
}
