package dev.pdm.iiot.hivemq.security.authz;

import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(SecurityConfig.defaults(Path.of("credentials")));

    private static Identity account(final String name, final Role... roles) {
        return new Identity(name, roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles), Identity.Method.PASSWORD);
    }

    @Test
    void aDevicePublishesItsOwnReadingsOnly() {
        final Identity device = account("MACHINE_001", Role.DEVICE);

        assertThat(policy.mayPublish(device, "factory/machines/MACHINE_001/sensors")).isTrue();
        assertThat(policy.mayPublish(device, "factory/machines/MACHINE_002/sensors")).isFalse();
        assertThat(policy.mayPublish(device, "factory/machines/MACHINE_0012/sensors")).isFalse();
        assertThat(policy.mayPublish(device, "factory/machines/MACHINE_001/sensors/x")).isFalse();
        assertThat(policy.mayPublish(device, "factory/alerts/anomaly")).isFalse();
        assertThat(policy.maySubscribe(device, "factory/machines/MACHINE_001/sensors")).isFalse();
    }

    @Test
    void aGatewayAndAnAnonymousDevicePublishAnyMachinesReadingsAndNothingElse() {
        for (final Identity identity : new Identity[]{account("simulator", Role.GATEWAY), Identity.anonymous()}) {
            assertThat(policy.mayPublish(identity, "factory/machines/MACHINE_042/sensors")).isTrue();
            assertThat(policy.mayPublish(identity, "factory/machines/a/b/sensors")).isFalse();
            assertThat(policy.mayPublish(identity, "factory/machines//sensors")).isFalse();
            assertThat(policy.mayPublish(identity, "factory/alerts/anomaly")).isFalse();
            assertThat(policy.maySubscribe(identity, "factory/#")).isFalse();
            assertThat(policy.maySubscribe(identity, "factory/machines/+/sensors")).isFalse();
        }
    }

    @Test
    void anAlertConsumerSubscribesToAlertsOnly() {
        final Identity consumer = account("alerts-panel", Role.ALERT_CONSUMER);

        assertThat(policy.maySubscribe(consumer, "factory/alerts/#")).isTrue();
        assertThat(policy.maySubscribe(consumer, "factory/alerts/anomaly")).isTrue();
        assertThat(policy.maySubscribe(consumer, "factory/alerts/+")).isTrue();
        assertThat(policy.maySubscribe(consumer, "factory/machines/+/sensors")).isFalse();
        assertThat(policy.maySubscribe(consumer, "factory/#")).isFalse();
        assertThat(policy.maySubscribe(consumer, "#")).isFalse();
        assertThat(policy.maySubscribe(consumer, "+/alerts/anomaly")).isFalse();
        assertThat(policy.mayPublish(consumer, "factory/alerts/anomaly")).isFalse();
    }

    @Test
    void theConnectWorkerSubscribesToReadingsAlsoSharedAndPublishesAlerts() {
        final Identity connect = account("connect", Role.CONNECT);

        assertThat(policy.maySubscribe(connect, "factory/machines/+/sensors")).isTrue();
        assertThat(policy.maySubscribe(connect, "$share/pdm-connect/factory/machines/+/sensors")).isTrue();
        assertThat(policy.maySubscribe(connect, "factory/machines/MACHINE_001/sensors")).isTrue();
        assertThat(policy.maySubscribe(connect, "factory/machines/#")).isFalse();
        assertThat(policy.maySubscribe(connect, "$share/g/factory/#")).isFalse();
        assertThat(policy.maySubscribe(connect, "$share/g")).isFalse();
        assertThat(policy.mayPublish(connect, "factory/alerts/anomaly")).isTrue();
        assertThat(policy.mayPublish(connect, "factory/machines/MACHINE_001/sensors")).isFalse();
    }

    @Test
    void anOperatorSubscribesToThePlantsTopicsAndPublishesNothing() {
        final Identity operator = account("alice", Role.OPERATOR);

        assertThat(policy.maySubscribe(operator, "factory/#")).isTrue();
        assertThat(policy.maySubscribe(operator, "factory/machines/+/sensors")).isTrue();
        assertThat(policy.maySubscribe(operator, "#")).isFalse();
        assertThat(policy.maySubscribe(operator, "$SYS/#")).isFalse();
        assertThat(policy.mayPublish(operator, "factory/alerts/anomaly")).isFalse();
    }

    @Test
    void rolesAddUpAndNoRoleMayDoNothing() {
        final Identity both = account("edge", Role.DEVICE, Role.ALERT_CONSUMER);

        assertThat(policy.mayPublish(both, "factory/machines/edge/sensors")).isTrue();
        assertThat(policy.maySubscribe(both, "factory/alerts/anomaly")).isTrue();
        assertThat(policy.mayPublish(account("nobody"), "factory/machines/nobody/sensors")).isFalse();
        assertThat(policy.maySubscribe(account("nobody"), "factory/alerts/#")).isFalse();
    }

    @Test
    void filterMatchingFollowsMqtt() {
        assertThat(TopicFilters.matches("factory/#", "factory")).isTrue();
        assertThat(TopicFilters.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("a/+/c", "a//c")).isTrue();
        assertThat(TopicFilters.covers("factory/#", "factory/+/x/#")).isTrue();
        assertThat(TopicFilters.covers("factory/+/sensors", "factory/+/+")).isFalse();
        assertThat(TopicFilters.covers("a/b", "a/b/#")).isFalse();
        assertThat(TopicFilters.covers("a/#", "a/b#")).isFalse();
        assertThat(TopicFilters.unshared("$share/group/a/b")).isEqualTo("a/b");
    }

    @Test
    void theReadmeHasOneRowPerRole() throws Exception {
        final String readme = Files.readString(Path.of("README.md"));

        for (final Role role : Role.values()) {
            assertThat(readme).as(role.name()).contains("| `" + role.fileName() + "` |");
        }
    }
}
