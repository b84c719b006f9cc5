package dev.pdm.iiot.detector.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pdm.iiot.detector.security.Actor;
import dev.pdm.iiot.security.quarkus.Roles;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ScoredReading;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Machines: their status, model, open alert and recent scored readings, over all instances (role
 * viewer); a retrain on request (role engineer).
 */
@Path("/machines")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "machines")
public class MachineResource {

    static final int MAX_READINGS = 10_000;
    private static final TypeReference<List<MachineStatus>> STATUS_LIST = new TypeReference<>() {
    };

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = EventJson.newMapper();

    private final MachineQueries queries;
    private final RemoteInstances remote;
    private final CommandPublisher commands;
    private final SecurityIdentity caller;

    public MachineResource(final MachineQueries queries, final RemoteInstances remote, final CommandPublisher commands,
                           final SecurityIdentity caller) {
        this.queries = queries;
        this.remote = remote;
        this.commands = commands;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The status of every machine, merged over all detector instances, by machine id")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MachineStatus.class,
            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "503", description = "Rebalancing; retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After"))
    public List<MachineStatus> all(@Parameter(hidden = true) @HeaderParam(RemoteInstances.HOP_HEADER) final String hop) {
        final List<MachineStatus> merged = new ArrayList<>(queries.statuses());
        if (hop == null) {
            for (final HostInfo host : queries.otherInstances()) {
                final RemoteInstances.Answer answer = remote.get(host, "/machines");
                merged.addAll(read(answer.body(), STATUS_LIST));
            }
        }
        merged.sort(Comparator.comparing(MachineStatus::machineId));
        return merged;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A machine's status, current model descriptor (or null) and open alert (or null)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = MachineDetail.class)))
    @APIResponse(responseCode = "404", description = "No reading of this machine was ever accepted")
    @APIResponse(responseCode = "503", description = "Rebalancing; retry after the Retry-After seconds",
            headers = @Header(name = "Retry-After"))
    public Response one(@PathParam("id") final String id,
                        @Parameter(hidden = true) @HeaderParam(RemoteInstances.HOP_HEADER) final String hop) {
        final Optional<HostInfo> owner = queries.ownerOf(id);
        if (owner.isPresent()) {
            return forward(owner.get(), "/machines/" + id, hop);
        }
        final MachineStatus status = queries.status(id).orElseThrow(() -> new NotFoundException("unknown machine " + id));
        final MachineDetail detail = new MachineDetail(status, queries.model(id).orElse(null),
                status.openAlertId() == null ? null : queries.alert(status.openAlertId()).orElse(null));
        return Response.ok(detail).build();
    }

    @GET
    @Path("/{id}/readings")
    @Operation(summary = "The machine's last readings with their scores, oldest first")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScoredReading.class,
            type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "Unknown machine")
    public Response readings(@PathParam("id") final String id,
                             @Parameter(description = "how many, 1 to 10000") @QueryParam("last") @DefaultValue("100")
                             final int last,
                             @Parameter(hidden = true) @HeaderParam(RemoteInstances.HOP_HEADER) final String hop) {
        final int n = Math.max(1, Math.min(last, MAX_READINGS));
        final Optional<HostInfo> owner = queries.ownerOf(id);
        if (owner.isPresent()) {
            return forward(owner.get(), "/machines/" + id + "/readings?last=" + n, hop);
        }
        if (queries.status(id).isEmpty()) {
            throw new NotFoundException("unknown machine " + id);
        }
        return Response.ok(queries.readings(id, n)).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/retrain")
    @RolesAllowed(Roles.ENGINEER)
    @Operation(summary = "Learn the machine's normal again from its next readings; the current model scores meanwhile. "
            + "Recorded with the caller's name; a body is ignored")
    @APIResponse(responseCode = "202", description = "The command was written to machine-commands",
            content = @Content(schema = @Schema(implementation = MachineCommand.class)))
    @APIResponse(responseCode = "404", description = "Unknown machine")
    public Response retrain(@PathParam("id") final String id,
                            @Parameter(description = AlertResource.ON_BEHALF_OF_DOC) @HeaderParam(Actor.ON_BEHALF_OF)
                            final String onBehalfOf) {
        final String by = Actor.of(caller, onBehalfOf);
        if (machineExists(id)) {
            final MachineCommand command = new MachineCommand(id, MachineCommand.Action.RETRAIN, by, Instant.now());
            commands.send(command);
            return Response.accepted(command).build();
        }
        throw new NotFoundException("unknown machine " + id);
    }

    private boolean machineExists(final String id) {
        final Optional<HostInfo> owner = queries.ownerOf(id);
        if (owner.isEmpty()) {
            return queries.status(id).isPresent();
        }
        final int status = remote.get(owner.get(), "/machines/" + id).status();
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        throw new Unavailable("instance " + owner.get() + " answered " + status);
    }

    /** The owner's answer, as it is; a request already forwarded once is not forwarded again. */
    private Response forward(final HostInfo owner, final String path, final String hop) {
        if (hop != null) {
            throw new Unavailable("instances disagree on who owns this machine (rebalancing)");
        }
        final RemoteInstances.Answer answer = remote.get(owner, path);
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON).entity(answer.body()).build();
    }

    static <T> T read(final String json, final TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new Unavailable("another instance answered what is not JSON: " + e.getMessage(), e);
        }
    }
}
