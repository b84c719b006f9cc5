package dev.pdm.iiot.detector.security;

import dev.pdm.iiot.security.quarkus.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who a command records, and which roles a role implies. */
class ActorTest {

    private static SecurityIdentity identity(final String name, final String... roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(Set.of(roles)).build();
    }

    @Test
    void aCommandRecordsTheCallerWhenNoUserIsNamed() {
        assertThat(Actor.of(identity("olga", Roles.OPERATOR), null)).isEqualTo("olga");
        assertThat(Actor.of(identity("dashboard", Roles.DELEGATE, Roles.OPERATOR), "  ")).isEqualTo("dashboard");
    }

    @Test
    void aDelegateActsForTheUserItNames() {
        assertThat(Actor.of(identity("dashboard", Roles.DELEGATE, Roles.OPERATOR), " maria ")).isEqualTo("maria");
    }

    @Test
    void theHeaderOfANonDelegateIsIgnored() {
        assertThat(Actor.of(identity("olga", Roles.OPERATOR, Roles.ENGINEER), "maria")).isEqualTo("olga");
    }

    @Test
    void aDelegateMustNameSomebodySensible() {
        final SecurityIdentity dashboard = identity("dashboard", Roles.DELEGATE);
        assertThatThrownBy(() -> Actor.of(dashboard, "x".repeat(Actor.MAX_NAME_LENGTH + 1)))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Actor.of(dashboard, "maria\nadmin")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void anEngineerIsAnOperatorAndAViewerAndAnOperatorAViewer() {
        assertThat(Roles.impliedBy(Set.of(Roles.ENGINEER))).containsExactlyInAnyOrder(Roles.OPERATOR, Roles.VIEWER);
        assertThat(Roles.impliedBy(Set.of(Roles.OPERATOR))).containsExactly(Roles.VIEWER);
        assertThat(Roles.impliedBy(Set.of(Roles.VIEWER, Roles.DELEGATE))).isEmpty();
        assertThat(Roles.impliedBy(Set.of(Roles.OPERATOR, Roles.VIEWER))).isEmpty();
    }
}
