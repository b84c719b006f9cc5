package dev.pdm.iiot.notifier.rules;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {

    private static final Instant T0 = Instant.parse("2025-11-21T21:28:04Z");
    private static final List<Recipient> OPS = List.of(Recipient.parse("mail:ops@plant.test"));

    private static NotificationRule rule(final String name, final String machines, final Set<String> groups,
                                         final Set<String> types, final Severity min) {
        return new NotificationRule(name, Pattern.compile(machines), groups, types, min, OPS, Duration.ofMinutes(30),
                false, Optional.empty(), Optional.empty(), List.of());
    }

    private static Alert alert(final String machine, final String type, final Severity severity, final Severity peak) {
        return new Alert(machine + ":" + type + ":1", machine, T0, -0.6, Map.of(), severity, "check", type,
                AlertStatus.ACTIVE_UNACK, 1, T0, T0, peak, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aRuleMatchesTheWholeMachineIdByItsPattern() {
        final RuleBook book = new RuleBook(List.of(rule("line1", "LINE1_.*", Set.of(), Set.of(), Severity.INFO)), Map.of());

        assertThat(book.matching(alert("LINE1_007", "ANOMALY", Severity.INFO, null))).hasSize(1);
        assertThat(book.matching(alert("XLINE1_007", "ANOMALY", Severity.INFO, null))).isEmpty();
    }

    @Test
    void theMinimumSeverityIsComparedWithTheAlertsPeak() {
        final RuleBook book = new RuleBook(List.of(rule("critical", ".*", Set.of(), Set.of(), Severity.CRITICAL)), Map.of());

        assertThat(book.matching(alert("M1", "ANOMALY", Severity.WARNING, null))).isEmpty();
        assertThat(book.matching(alert("M1", "ANOMALY", Severity.WARNING, Severity.CRITICAL))).hasSize(1);
        assertThat(book.matching(alert("M1", "ANOMALY", Severity.CRITICAL, null))).hasSize(1);
    }

    @Test
    void aRuleWithTypesMatchesOnlyThoseTypes() {
        final RuleBook book = new RuleBook(List.of(rule("wear", ".*", Set.of(),
                Set.of(Alert.TYPE_DEGRADATION, Alert.TYPE_PEER_DEVIATION), Severity.INFO)), Map.of());

        assertThat(book.matching(alert("M1", Alert.TYPE_DEGRADATION, Severity.WARNING, null))).hasSize(1);
        assertThat(book.matching(alert("M1", Alert.TYPE_ANOMALY, Severity.CRITICAL, null))).isEmpty();
    }

    @Test
    void aRuleWithGroupsMatchesTheMachinesOfThoseGroupsOnly() {
        final RuleBook book = new RuleBook(List.of(rule("presses", ".*", Set.of("presses"), Set.of(), Severity.INFO)),
                Map.of("presses", Pattern.compile("PRESS_.*"), "pumps", Pattern.compile("PUMP_.*")));

        assertThat(book.matching(alert("PRESS_1", "ANOMALY", Severity.INFO, null))).hasSize(1);
        assertThat(book.matching(alert("PUMP_1", "ANOMALY", Severity.INFO, null))).isEmpty();
    }

    @Test
    void everyMatchingRuleIsReturned() {
        final RuleBook book = new RuleBook(List.of(rule("a", ".*", Set.of(), Set.of(), Severity.INFO),
                rule("b", "M.*", Set.of(), Set.of(), Severity.WARNING),
                rule("c", "X.*", Set.of(), Set.of(), Severity.INFO)), Map.of());

        assertThat(book.matching(alert("M1", "ANOMALY", Severity.WARNING, null)))
                .extracting(NotificationRule::name).containsExactly("a", "b");
    }

    @Test
    void aRuleNamingAnUnknownGroupStopsTheStart() {
        assertThatThrownBy(() -> new RuleBook(List.of(rule("r", ".*", Set.of("nope"), Set.of(), Severity.INFO)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void onlyACriticalAlertEscalates() {
        final NotificationRule escalating = new NotificationRule("e", Pattern.compile(".*"), Set.of(), Set.of(),
                Severity.WARNING, OPS, Duration.ZERO, false, Optional.empty(), Optional.of(Duration.ofMinutes(15)),
                List.of(Recipient.parse("mail:boss@plant.test")));

        assertThat(escalating.escalates(alert("M1", "ANOMALY", Severity.CRITICAL, null))).isTrue();
        assertThat(escalating.escalates(alert("M1", "ANOMALY", Severity.WARNING, null))).isFalse();
        assertThat(rule("n", ".*", Set.of(), Set.of(), Severity.INFO)
                .escalates(alert("M1", "ANOMALY", Severity.CRITICAL, null))).isFalse();
    }

    @Test
    void anEscalationWithoutRecipientsIsRefused() {
        assertThatThrownBy(() -> new NotificationRule("e", Pattern.compile(".*"), Set.of(), Set.of(), Severity.WARNING,
                OPS, Duration.ZERO, false, Optional.empty(), Optional.of(Duration.ofMinutes(15)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("escalates to nobody");
    }
}
