package dev.pdm.iiot.dashboard.alerting;

import dev.pdm.iiot.dashboard.detector.CommandReply;
import dev.pdm.iiot.dashboard.detector.DetectorClient;
import dev.pdm.iiot.dashboard.detector.DetectorHealth;
import dev.pdm.iiot.dashboard.kafka.CommandSink;
import dev.pdm.iiot.dashboard.view.AlertEntry;
import dev.pdm.iiot.dashboard.view.AlertBook;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * A signed-in user's ack or clear of an alert, in that user's name (the principal, never a name
 * typed by hand). The detector's REST API validates and writes it when the detector answers; when it does not (unreachable, or a 5xx), the dashboard validates it against its
 * own view of the alerts and writes the command to {@code alert-commands} itself, where the detector
 * finds it when it is back. An outcome is ACCEPTED only once a command is on the topic; otherwise it
 * says why, so that an ack is never lost silently.
 */
@ApplicationScoped
public class AlertActions {

    private static final Logger LOG = LoggerFactory.getLogger(AlertActions.class);

    private final DetectorClient detector;
    private final BooleanSupplier detectorUnreachable;
    private final AlertBook alerts;
    private final CommandSink sink;
    private final Clock clock;

    @Inject
    public AlertActions(final DetectorClient detector, final DetectorHealth health, final PlantView view,
                        final CommandSink sink) {
        this(detector, health::unreachable, view.alerts(), sink, Clock.systemUTC());
    }

    public AlertActions(final DetectorClient detector, final BooleanSupplier detectorUnreachable, final AlertBook alerts,
                        final CommandSink sink, final Clock clock) {
        this.detector = detector;
        this.detectorUnreachable = detectorUnreachable;
        this.alerts = alerts;
        this.sink = sink;
        this.clock = clock;
    }

    /**
     * @param by the signed-in user the command records
     */
    public CompletionStage<ActionOutcome> act(final String alertId, final AlertCommand.Action action, final String by) {
        final String who = Objects.requireNonNull(by, "by");
        final Optional<String> machineId = AlertIds.machineIdOf(alertId);
        if (machineId.isEmpty()) {
            return CompletableFuture.completedFuture(new ActionOutcome(alertId, action, ActionOutcome.Result.BAD_REQUEST,
                    null, null, "not an alert id: " + alertId));
        }
        if (detectorUnreachable.getAsBoolean()) {
            return direct(alertId, machineId.get(), action, who, "the detector is unreachable");
        }
        return detector.command(alertId, action, who).thenCompose(reply -> switch (reply.outcome()) {
            case ACCEPTED -> CompletableFuture.completedFuture(new ActionOutcome(alertId, action,
                    ActionOutcome.Result.ACCEPTED, ActionOutcome.VIA_DETECTOR,
                    reply.command() != null ? reply.command()
                            : new AlertCommand(alertId, machineId.get(), action, who, clock.instant()),
                    null));
            case NOT_FOUND -> CompletableFuture.completedFuture(new ActionOutcome(alertId, action,
                    ActionOutcome.Result.NOT_FOUND, null, null, "the detector knows no alert " + alertId));
            case CONFLICT -> CompletableFuture.completedFuture(new ActionOutcome(alertId, action,
                    ActionOutcome.Result.CONFLICT, null, null, "alert " + alertId + " is already cleared"));
            case REJECTED -> CompletableFuture.completedFuture(new ActionOutcome(alertId, action,
                    ActionOutcome.Result.BAD_REQUEST, null, null, "the detector refused it: " + reply.detail()));
            case UNAVAILABLE -> direct(alertId, machineId.get(), action, who, reply.detail());
        });
    }

    /** Validates against the dashboard's own alert view and writes the command to Kafka. */
    private CompletionStage<ActionOutcome> direct(final String alertId, final String machineId,
                                                  final AlertCommand.Action action, final String by,
                                                  final String why) {
        final Optional<AlertEntry> known = alerts.find(alertId);
        if (known.isEmpty()) {
            return CompletableFuture.completedFuture(new ActionOutcome(alertId, action, ActionOutcome.Result.NOT_FOUND,
                    null, null, "no alert " + alertId + " in the dashboard's view (" + why + ")"));
        }
        if (known.get().alert().status() == AlertStatus.CLEARED) {
            return CompletableFuture.completedFuture(new ActionOutcome(alertId, action, ActionOutcome.Result.CONFLICT,
                    null, null, "alert " + alertId + " is already cleared"));
        }
        final AlertCommand command = new AlertCommand(alertId, machineId, action, by, clock.instant());
        LOG.info("Writing {} of {} by {} to alert-commands directly: {}", action, alertId, by, why);
        return sink.publish(command).handle((ok, failure) -> {
            if (failure != null) {
                LOG.error("{} of {} by {} NOT recorded: the detector did not take it ({}) and Kafka refused it",
                        action, alertId, by, why, failure);
                return new ActionOutcome(alertId, action, ActionOutcome.Result.NOT_RECORDED, null, command,
                        "not recorded, try again: the detector did not take it (" + why + ") and Kafka refused it ("
                                + failure.getMessage() + ")");
            }
            return new ActionOutcome(alertId, action, ActionOutcome.Result.ACCEPTED, ActionOutcome.VIA_KAFKA, command,
                    "written to alert-commands by the dashboard: " + why);
        });
    }
}
