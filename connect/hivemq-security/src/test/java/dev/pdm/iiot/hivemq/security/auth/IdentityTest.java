package dev.pdm.iiot.hivemq.security.auth;

import dev.pdm.iiot.hivemq.security.authz.Role;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityTest {

    @Test
    void survivesTheConnectionAttributeStoresTextForm() {
        final Identity identity = new Identity("MACHINE_001", EnumSet.of(Role.DEVICE, Role.ALERT_CONSUMER),
                Identity.Method.CERTIFICATE);
        final String stored = Identity.Method.CERTIFICATE.name() + " MACHINE_001 DEVICE,ALERT_CONSUMER";

        assertThat(Identity.parse(stored)).isEqualTo(identity);
        assertThat(Identity.parse("ANONYMOUS anonymous ANONYMOUS_READINGS")).isEqualTo(Identity.anonymous());
        assertThat(Identity.parse("PASSWORD x ").roles()).isEmpty();
    }

    @Test
    void takesTheMqttRolesOfAnAccountAndIgnoresTheWebAppsOnes() {
        assertThat(Role.of(List.of("device", "viewer", "alert-consumer")))
                .isEqualTo(Set.of(Role.DEVICE, Role.ALERT_CONSUMER));
        assertThat(Role.of(List.of("anonymous-readings"))).as("never from a file").isEmpty();
    }
}
