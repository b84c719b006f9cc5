package dev.pdm.iiot.notifier.rules;

import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.notifier.config.NotifierConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules of the configuration and the peer groups they may name. A configuration error (an
 * unknown group, a recipient that is not {@code channel:address}) stops the start.
 */
public final class RuleBook {

    private final List<NotificationRule> rules;
    private final Map<String, Pattern> groups;

    public RuleBook(final List<NotificationRule> rules, final Map<String, Pattern> groups) {
        this.rules = List.copyOf(rules);
        this.groups = Map.copyOf(groups);
        for (final NotificationRule rule : this.rules) {
            for (final String group : rule.groups()) {
                if (!this.groups.containsKey(group)) {
                    throw new IllegalArgumentException("rule " + rule.name() + " names the unknown group " + group
                            + " (notifier.groups." + group + ")");
                }
            }
        }
    }

    /** The rule book of {@code notifier.rules.*} and {@code notifier.groups.*}, by rule name. */
    public static RuleBook from(final NotifierConfig config) {
        final Map<String, Pattern> groups = new LinkedHashMap<>();
        config.groups().forEach((name, regex) -> groups.put(name, Pattern.compile(regex)));
        final List<NotificationRule> rules = new ArrayList<>();
        new TreeMap<>(config.rules()).forEach((name, rule) -> rules.add(new NotificationRule(name,
                Pattern.compile(rule.machines()),
                Set.copyOf(rule.groups().orElse(List.of())),
                Set.copyOf(rule.types().orElse(List.of())),
                rule.minSeverity(),
                rule.recipients().stream().map(Recipient::parse).toList(),
                rule.silentPeriod(),
                rule.resolved(),
                rule.digest(),
                rule.escalation().after(),
                rule.escalation().recipients().orElse(List.of()).stream().map(Recipient::parse).toList())));
        return new RuleBook(rules, groups);
    }

    public List<NotificationRule> rules() {
        return rules;
    }

    /** The rules that the alert concerns, in name order. */
    public List<NotificationRule> matching(final Alert alert) {
        return rules.stream()
                .filter(rule -> rule.matches(alert, group -> groups.get(group).matcher(alert.machineId()).matches()))
                .toList();
    }
}
