package dev.pdm.iiot.hivemq.security.authz;

import dev.pdm.iiot.hivemq.security.auth.Identity;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;

/**
 * Which topics an identity may publish to and subscribe to, by its roles (the union of what each
 * allows; nothing without one):
 *
 * <pre>
 * role                publish                                  subscribe
 * device              its own readings topic                   -
 * gateway             any machine's readings topic             -
 * anonymous-readings  any machine's readings topic             -
 * connect             the alerts topics                        every machine's readings (also $share/GROUP/…)
 * alert-consumer      -                                        the alerts topics
 * operator            -                                        the operator filter (the plant's topics)
 * </pre>
 *
 * A subscription is allowed when every topic its filter can match is allowed: an operator allowed
 * {@code factory/#} may subscribe to {@code factory/machines/+/sensors} but not to {@code #}.
 */
public final class AccessPolicy {

    private final String readingsPrefix;
    private final String readingsSuffix;
    private final String readingsFilter;
    private final String alertsFilter;
    private final String operatorFilter;

    public AccessPolicy(final SecurityConfig config) {
        this.readingsPrefix = config.readingsPrefix();
        this.readingsSuffix = config.readingsSuffix();
        this.readingsFilter = config.readingsFilter();
        this.alertsFilter = config.alertsFilter();
        this.operatorFilter = config.operatorFilter();
    }

    /** Whether the identity may publish to this topic. */
    public boolean mayPublish(final Identity identity, final String topic) {
        if ((identity.has(Role.GATEWAY) || identity.has(Role.ANONYMOUS_READINGS)) && isReadingsTopic(topic)) {
            return true;
        }
        if (identity.has(Role.DEVICE) && isReadingsTopicOf(identity.account(), topic)) {
            return true;
        }
        return identity.has(Role.CONNECT) && TopicFilters.matches(alertsFilter, topic);
    }

    /** Whether the identity may subscribe with this filter, shared ({@code $share/GROUP/FILTER}) or not. */
    public boolean maySubscribe(final Identity identity, final String filter) {
        final String wanted = TopicFilters.unshared(filter);
        return identity.has(Role.CONNECT) && TopicFilters.covers(readingsFilter, wanted)
                || identity.has(Role.ALERT_CONSUMER) && TopicFilters.covers(alertsFilter, wanted)
                || identity.has(Role.OPERATOR) && TopicFilters.covers(operatorFilter, wanted);
    }

    /** A machine's readings topic: the prefix, one level (no wildcard), the suffix. */
    private boolean isReadingsTopic(final String topic) {
        final int end = topic.length() - readingsSuffix.length();
        if (end <= readingsPrefix.length() || !topic.startsWith(readingsPrefix) || !topic.endsWith(readingsSuffix)) {
            return false;
        }
        for (int i = readingsPrefix.length(); i < end; i++) {
            final char c = topic.charAt(i);
            if (c == '/' || c == '+' || c == '#') {
                return false;
            }
        }
        return true;
    }

    private boolean isReadingsTopicOf(final String machine, final String topic) {
        return topic.length() == readingsPrefix.length() + machine.length() + readingsSuffix.length()
                && topic.startsWith(readingsPrefix) && topic.endsWith(readingsSuffix)
                && topic.startsWith(machine, readingsPrefix.length());
    }
}
