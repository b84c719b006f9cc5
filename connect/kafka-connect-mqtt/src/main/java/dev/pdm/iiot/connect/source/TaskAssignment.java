package dev.pdm.iiot.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which broker sessions each source task runs. Every broker URI gets at least one session; with more
 * tasks than brokers the extra tasks add sessions to the brokers in turn (they split a broker's
 * messages through the shared subscription); with fewer, a task runs sessions on several brokers.
 * Client ids are {@code {prefix}-{brokerIndex}-{sessionIndex}}: stable as long as the broker list
 * and the task count stay the same, so that every session is resumed after a restart.
 *
 * @param serverUris one entry per session
 * @param clientIds  the session's client id, same order
 */
public record TaskAssignment(List<String> serverUris, List<String> clientIds) {

    /** Task config keys, set by the connector for each task. */
    public static final String TASK_SERVER_URIS = "task.mqtt.server.uris";
    public static final String TASK_CLIENT_IDS = "task.mqtt.client.ids";

    public TaskAssignment {
        serverUris = List.copyOf(serverUris);
        clientIds = List.copyOf(clientIds);
        if (serverUris.size() != clientIds.size() || serverUris.isEmpty()) {
            throw new IllegalArgumentException("a task needs one client id per broker session, got "
                    + serverUris + " and " + clientIds);
        }
    }

    /**
     * @param uris      the brokers
     * @param maxTasks  Connect's tasks.max
     * @param shared    whether the tasks share a subscription; if not, one session per broker
     * @param prefix    client id prefix
     */
    public static List<TaskAssignment> plan(final List<String> uris, final int maxTasks, final boolean shared,
                                            final String prefix) {
        final int sessions = shared ? Math.max(maxTasks, uris.size()) : uris.size();
        final int tasks = Math.min(Math.max(1, maxTasks), sessions);
        final List<List<String>> taskUris = new ArrayList<>();
        final List<List<String>> taskIds = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            taskUris.add(new ArrayList<>());
            taskIds.add(new ArrayList<>());
        }
        final int[] perBroker = new int[uris.size()];
        for (int s = 0; s < sessions; s++) {
            final int broker = s % uris.size();
            final int task = s % tasks;
            taskUris.get(task).add(uris.get(broker));
            taskIds.get(task).add(prefix.replaceAll("[,\\s]", "_") + "-" + broker + "-" + perBroker[broker]++);
        }
        final List<TaskAssignment> plan = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            plan.add(new TaskAssignment(taskUris.get(t), taskIds.get(t)));
        }
        return plan;
    }

    /** The assignment in a task's config. */
    public static TaskAssignment of(final Map<String, String> taskProps) {
        final String uris = taskProps.get(TASK_SERVER_URIS);
        final String ids = taskProps.get(TASK_CLIENT_IDS);
        if (uris == null || ids == null) {
            throw new IllegalArgumentException("the task config has no " + TASK_SERVER_URIS + " / " + TASK_CLIENT_IDS
                    + "; tasks are configured by MqttSourceConnector");
        }
        return new TaskAssignment(List.of(uris.split(",")), List.of(ids.split(",")));
    }

    /** This assignment written into a task's config. */
    public void writeTo(final Map<String, String> taskProps) {
        taskProps.put(TASK_SERVER_URIS, String.join(",", serverUris));
        taskProps.put(TASK_CLIENT_IDS, String.join(",", clientIds));
    }
}
