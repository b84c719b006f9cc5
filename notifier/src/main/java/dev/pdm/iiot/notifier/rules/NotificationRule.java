package dev.pdm.iiot.notifier.rules;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.Severity;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One rule: which alerts it matches and whom it tells, how.
 *
 * @param name                 its name in the configuration; part of every notification's key
 * @param machines             the whole machine id matches it
 * @param groups               membership in one of these peer groups (tested by the rule book), or empty
 * @param types                alert types, empty: all
 * @param minSeverity          the least peak severity
 * @param recipients           told at the raise (and the clear, with {@code resolved})
 * @param silentPeriod         a new raise of the machine and type within this of the last one sends nothing
 * @param resolved             tell the recipients when the alert clears
 * @param digest               collect into one message per period instead
 * @param escalationAfter      an unacknowledged CRITICAL alert is told again after this
 * @param escalationRecipients whom it is told then
 */
public record NotificationRule(String name, Pattern machines, Set<String> groups, Set<String> types,
                               Severity minSeverity, List<Recipient> recipients, Duration silentPeriod,
                               boolean resolved, Optional<Duration> digest, Optional<Duration> escalationAfter,
                               List<Recipient> escalationRecipients) {

    public NotificationRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(machines, "machines");
        groups = Set.copyOf(groups);
        types = Set.copyOf(types);
        Objects.requireNonNull(minSeverity, "minSeverity");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " has no recipients");
        }
        if (silentPeriod.isNegative()) {
            throw new IllegalArgumentException("rule " + name + ": a negative silent period");
        }
        digest.filter(period -> period.isZero() || period.isNegative()).ifPresent(period -> {
            throw new IllegalArgumentException("rule " + name + ": the digest period must be positive");
        });
        escalationRecipients = List.copyOf(escalationRecipients);
        if (escalationAfter.isPresent() && escalationRecipients.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " escalates to nobody");
        }
    }

    /**
     * Whether the alert concerns this rule.
     *
     * @param inGroup whether the alert's machine belongs to a named peer group
     */
    public boolean matches(final Alert alert, final Predicate<String> inGroup) {
        if (!machines.matcher(alert.machineId()).matches()) {
            return false;
        }
        if (!groups.isEmpty() && groups.stream().noneMatch(inGroup)) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(alert.type())) {
            return false;
        }
        return alert.peakSeverity().compareTo(minSeverity) <= 0;
    }

    /** Whether the alert, at its raise, is to be escalated when nobody acknowledges it. */
    public boolean escalates(final Alert alert) {
        return escalationAfter.isPresent() && alert.peakSeverity() == Severity.CRITICAL;
    }
}
