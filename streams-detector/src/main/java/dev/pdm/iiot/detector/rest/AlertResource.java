package dev.pdm.iiot.detector.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pdm.iiot.detector.security.Actor;
import dev.pdm.iiot.security.quarkus.Roles;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.AlertIds;
import dev.pdm.iiot.events.model.AlertStatus;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Alerts over all instances (role viewer), and people's ack and clear commands (role operator),
 * recorded with the name of the authenticated caller, or of the user a delegate acts for.
 */
@Path("/alerts")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {

    static final String ON_BEHALF_OF_DOC = "Only from a caller with the role delegate (the dashboard): the user it acts "
            + "for, whom the command records; ignored from anyone else";
    private static final TypeReference<List<Alert>> ALERT_LIST = new TypeReference<>() {
    };

    private final MachineQueries queries;
    private final RemoteInstances remote;
    private final CommandPublisher commands;
    private final SecurityIdentity caller;

    public AlertResource(final MachineQueries queries, final RemoteInstances remote, final CommandPublisher commands,
                         final SecurityIdentity caller) {
        this.queries = queries;
        this.remote = remote;
        this.commands = commands;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Alerts of every machine, newest last_seen first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Alert.class,
            type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "Unknown status")
    public List<Alert> all(@Parameter(description = "ACTIVE_UNACK, ACTIVE_ACK, CLEARED or open (both active ones); "
                                   + "omitted: all") @QueryParam("status") final String status,
                           @Parameter(hidden = true) @HeaderParam(RemoteInstances.HOP_HEADER) final String hop) {
        final Predicate<Alert> filter = filter(status);
        final List<Alert> merged = new ArrayList<>(queries.alerts());
        if (hop == null) {
            for (final HostInfo host : queries.otherInstances()) {
                merged.addAll(MachineResource.read(remote.get(host, "/alerts").body(), ALERT_LIST));
            }
        }
        merged.removeIf(filter.negate());
        merged.sort(Comparator.comparing(Alert::lastSeen).reversed().thenComparing(Alert::alertId));
        return merged;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Alert.class)))
    @APIResponse(responseCode = "404", description = "Unknown alert")
    public Alert one(@PathParam("id") final String id,
                     @Parameter(hidden = true) @HeaderParam(RemoteInstances.HOP_HEADER) final String hop) {
        return find(id, hop).orElseThrow(() -> new NotFoundException("unknown alert " + id));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/ack")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Acknowledge an open alert: somebody is on it. Recorded with the caller's name; "
            + "a body is ignored")
    @APIResponse(responseCode = "202", description = "The command was written to alert-commands",
            content = @Content(schema = @Schema(implementation = AlertCommand.class)))
    @APIResponse(responseCode = "404", description = "Unknown alert")
    @APIResponse(responseCode = "409", description = "The alert is already cleared")
    public Response ack(@PathParam("id") final String id,
                        @Parameter(description = ON_BEHALF_OF_DOC) @HeaderParam(Actor.ON_BEHALF_OF)
                        final String onBehalfOf) {
        return command(id, AlertCommand.Action.ACK, onBehalfOf);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/clear")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Clear an open alert. Recorded with the caller's name; a body is ignored")
    @APIResponse(responseCode = "202", description = "The command was written to alert-commands",
            content = @Content(schema = @Schema(implementation = AlertCommand.class)))
    @APIResponse(responseCode = "404", description = "Unknown alert")
    @APIResponse(responseCode = "409", description = "The alert is already cleared")
    public Response clear(@PathParam("id") final String id,
                          @Parameter(description = ON_BEHALF_OF_DOC) @HeaderParam(Actor.ON_BEHALF_OF)
                          final String onBehalfOf) {
        return command(id, AlertCommand.Action.CLEAR, onBehalfOf);
    }

    private Response command(final String id, final AlertCommand.Action action, final String onBehalfOf) {
        final String by = Actor.of(caller, onBehalfOf);
        final Alert alert = find(id, null).orElseThrow(() -> new NotFoundException("unknown alert " + id));
        if (alert.status() == AlertStatus.CLEARED) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(java.util.Map.of("error", "alert " + id + " is already cleared")).build();
        }
        final AlertCommand command = new AlertCommand(id, alert.machineId(), action, by, Instant.now());
        commands.send(command);
        return Response.accepted(command).build();
    }

    private Optional<Alert> find(final String id, final String hop) {
        final String machineId = AlertIds.machineIdOf(id).orElseThrow(() -> new NotFoundException("unknown alert " + id));
        final Optional<HostInfo> owner = queries.ownerOf(machineId);
        if (owner.isEmpty()) {
            return queries.alert(id);
        }
        if (hop != null) {
            throw new Unavailable("instances disagree on who owns machine " + machineId + " (rebalancing)");
        }
        final RemoteInstances.Answer answer = remote.get(owner.get(), "/alerts/" + id);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new Unavailable("instance " + owner.get() + " answered " + answer.status());
        }
        return Optional.of(MachineResource.read(answer.body(), new TypeReference<Alert>() {
        }));
    }

    static Predicate<Alert> filter(final String status) {
        if (status == null || status.isBlank()) {
            return a -> true;
        }
        if ("open".equals(status.toLowerCase(Locale.ROOT))) {
            return a -> a.status().isOpen();
        }
        try {
            final AlertStatus wanted = AlertStatus.valueOf(status.toUpperCase(Locale.ROOT));
            return a -> a.status() == wanted;
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be ACTIVE_UNACK, ACTIVE_ACK, CLEARED or open, was " + status);
        }
    }
}
