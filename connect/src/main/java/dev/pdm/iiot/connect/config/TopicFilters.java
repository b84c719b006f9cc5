package dev.pdm.iiot.connect.config;

/** The rules of MQTT 5 topic filters (section 4.7), as far as a subscriber must check them. */
public final class TopicFilters {

    /** The prefix of a shared subscription, added by the source itself. */
    public static final String SHARE_PREFIX = "$share/";

    private TopicFilters() {
    }

    /** Why the filter is not valid, or null when it is. */
    public static String problemOf(final String filter) {
        if (filter == null || filter.isEmpty()) {
            return "a topic filter must not be empty";
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            return "give the plain filter; the connector subscribes through $share/{group}/ itself "
                    + "(see mqtt.shared.subscription.group)";
        }
        if (filter.indexOf('\u0000') >= 0) {
            return "a topic filter must not contain the null character";
        }
        final String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            final String level = levels[i];
            if (level.contains("#") && (!"#".equals(level) || i != levels.length - 1)) {
                return "'#' must stand alone as the last level of the filter";
            }
            if (level.contains("+") && !"+".equals(level)) {
                return "'+' must stand alone in its level, as in factory/machines/+/sensors";
            }
        }
        return null;
    }

    /** The subscription for a filter: shared under the group, or the filter itself. */
    public static String subscription(final String filter, final String shareGroup) {
        return shareGroup == null ? filter : SHARE_PREFIX + shareGroup + "/" + filter;
    }
}
