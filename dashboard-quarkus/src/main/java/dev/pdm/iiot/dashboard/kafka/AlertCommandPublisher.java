package dev.pdm.iiot.dashboard.kafka;

import dev.pdm.iiot.events.KafkaTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.AlertCommand;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Writes alert commands to {@code alert-commands}, keyed by machine id, in the contract's JSON. The
 * returned stage completes when Kafka acknowledged the write (acks=all), or fails.
 */
@ApplicationScoped
public class AlertCommandPublisher implements CommandSink {

    private final Emitter<Record<String, byte[]>> emitter;

    @Inject
    public AlertCommandPublisher(@Channel(KafkaTopics.ALERT_COMMANDS) final Emitter<Record<String, byte[]>> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(final AlertCommand command) {
        try {
            return emitter.send(Record.of(command.machineId(), EventJson.toBytes(command)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
