package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.events.MqttTopics;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MQTT topic to publish to, such as {@code factory/alerts/anomaly} or
 * {@code factory/machines/{machineId}/alerts}. Placeholders: {@code {machineId}} (the record key, or
 * the alert's {@code machine_id} when the record has no key), {@code {severity}} and
 * {@code {kafkaTopic}}. A substituted value must be a valid machine id (no {@code /}, no wildcard).
 */
public final class TopicTemplate {

    public static final List<String> PLACEHOLDERS = List.of("{machineId}", "{severity}", "{kafkaTopic}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private final String template;
    private final boolean constant;

    private TopicTemplate(final String template) {
        this.template = template;
        this.constant = !template.contains("{");
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static TopicTemplate parse(final String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("the topic must not be empty");
        }
        if (template.contains("+") || template.contains("#")) {
            throw new IllegalArgumentException("a topic to publish to must not contain the wildcards + or #");
        }
        if (template.startsWith("$")) {
            throw new IllegalArgumentException("topics starting with $ are reserved for the broker");
        }
        final Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + "; known are " + PLACEHOLDERS);
            }
        }
        final String stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw new IllegalArgumentException("unbalanced braces in the topic");
        }
        return new TopicTemplate(template);
    }

    public boolean uses(final String placeholder) {
        return template.contains(placeholder);
    }

    /**
     * @param values placeholder (with braces) to value
     * @throws IllegalArgumentException when a needed value is missing or not usable in a topic
     */
    public String render(final Map<String, String> values) {
        if (constant) {
            return template;
        }
        final Matcher m = PLACEHOLDER.matcher(template);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            final String value = values.get(m.group());
            if (value == null) {
                throw new IllegalArgumentException("no value for " + m.group() + " in the topic " + template);
            }
            if (!MqttTopics.MACHINE_ID.matcher(value).matches()) {
                throw new IllegalArgumentException("the value '" + value + "' for " + m.group()
                        + " cannot be a topic level (allowed: 1 to 64 of A-Z a-z 0-9 _ . -)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return template;
    }
}
