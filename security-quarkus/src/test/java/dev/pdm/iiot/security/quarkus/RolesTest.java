package dev.pdm.iiot.security.quarkus;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RolesTest {

    @Test
    void anEngineerMayDoWhatAnOperatorAndAViewerMay() {
        assertThat(Roles.impliedBy(Set.of(Roles.ENGINEER))).containsExactlyInAnyOrder(Roles.OPERATOR, Roles.VIEWER);
        assertThat(Roles.impliedBy(Set.of(Roles.OPERATOR))).containsExactly(Roles.VIEWER);
        assertThat(Roles.impliedBy(Set.of(Roles.VIEWER))).isEmpty();
    }

    @Test
    void aDelegateIsGivenNothingBeyondItsOwnRoles() {
        assertThat(Roles.impliedBy(Set.of(Roles.DELEGATE))).isEmpty();
        assertThat(Roles.impliedBy(Set.of(Roles.DELEGATE, Roles.OPERATOR))).containsExactly(Roles.VIEWER);
    }
}
