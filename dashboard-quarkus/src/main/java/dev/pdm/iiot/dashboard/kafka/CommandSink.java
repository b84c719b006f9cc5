package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.events.model.AlertCommand;

import java.util.concurrent.CompletionStage;

/** Where the dashboard writes an alert command itself; completes once the write is acknowledged. */
@FunctionalInterface
public interface CommandSink {

    CompletionStage<Void> publish(AlertCommand command);
}
