package dev.pdm.iiot.connect.source;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskAssignmentTest {

    @Test
    void oneBrokerTwoTasksGetOneSessionEach() {
        final List<TaskAssignment> plan = TaskAssignment.plan(List.of("tcp://a:1883"), 2, true, "src");

        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).clientIds()).containsExactly("src-0-0");
        assertThat(plan.get(1).clientIds()).containsExactly("src-0-1");
    }

    @Test
    void everyBrokerGetsASessionWhenTasksAreFewer() {
        final List<TaskAssignment> plan = TaskAssignment.plan(List.of("tcp://a:1", "tcp://b:1", "tcp://c:1"), 2, true, "s");

        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).serverUris()).containsExactly("tcp://a:1", "tcp://c:1");
        assertThat(plan.get(1).serverUris()).containsExactly("tcp://b:1");
        assertThat(plan.stream().flatMap(a -> a.clientIds().stream())).containsExactlyInAnyOrder("s-0-0", "s-1-0", "s-2-0");
    }

    @Test
    void extraTasksAddSessionsToTheBrokersInTurn() {
        final List<TaskAssignment> plan = TaskAssignment.plan(List.of("tcp://a:1", "tcp://b:1"), 5, true, "s");

        assertThat(plan).hasSize(5);
        assertThat(plan.stream().map(a -> a.clientIds().get(0)))
                .containsExactly("s-0-0", "s-1-0", "s-0-1", "s-1-1", "s-0-2");
    }

    @Test
    void withoutASharedSubscriptionOnlyOneSessionPerBroker() {
        final List<TaskAssignment> plan = TaskAssignment.plan(List.of("tcp://a:1"), 4, false, "s");

        assertThat(plan).hasSize(1);
        assertThat(plan.get(0).clientIds()).containsExactly("s-0-0");
    }

    @Test
    void roundTripsThroughTheTaskConfig() {
        final TaskAssignment assignment = new TaskAssignment(List.of("tcp://a:1", "ssl://b:2"), List.of("x-0-0", "x-1-0"));
        final Map<String, String> props = new HashMap<>();

        assignment.writeTo(props);

        assertThat(TaskAssignment.of(props)).isEqualTo(assignment);
    }
}
