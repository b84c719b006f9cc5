package dev.pdm.iiot.localstack.connect;

import java.util.List;
import java.util.Optional;

/**
 * A connector's state as the worker's REST API reports it ({@code GET /connectors/{name}/status}).
 *
 * @param name  the connector's name
 * @param state {@code UNASSIGNED}, {@code RUNNING}, {@code PAUSED}, {@code STOPPED} or {@code FAILED}
 * @param trace the failure's stack trace, when it failed
 * @param tasks its tasks, by id
 */
public record ConnectorStatus(String name, String state, Optional<String> trace, List<Task> tasks) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** One task's state. */
    public record Task(int id, String state, Optional<String> trace) {
    }

    /** The connector and at least one task run, and no task is in another state. */
    public boolean isRunning() {
        return RUNNING.equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> RUNNING.equals(t.state()));
    }

    /** The first failure of the connector or a task, with its trace. */
    public Optional<String> failure() {
        if (FAILED.equals(state)) {
            return Optional.of("connector " + name + " failed: " + trace.orElse("(no trace)"));
        }
        return tasks.stream()
                .filter(t -> FAILED.equals(t.state()))
                .findFirst()
                .map(t -> "task " + name + "-" + t.id() + " failed: " + t.trace().orElse("(no trace)"));
    }
}
