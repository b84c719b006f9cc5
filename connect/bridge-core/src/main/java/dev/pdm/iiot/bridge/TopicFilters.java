package dev.pdm.iiot.bridge;

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

    /**
     * Whether a topic name matches a filter (MQTT 5, 4.7): {@code +} stands for one level,
     * {@code #} as the last level for any number of levels including none; a filter starting with
     * a wildcard does not match a topic starting with {@code $}.
     */
    public static boolean matches(final String filter, final String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        int f = 0;
        int t = 0;
        while (true) {
            final int fEnd = levelEnd(filter, f);
            final int fLength = fEnd - f;
            if (fLength == 1 && filter.charAt(f) == '#') {
                return true;
            }
            final int tEnd = levelEnd(topic, t);
            final boolean plus = fLength == 1 && filter.charAt(f) == '+';
            if (!plus && (fLength != tEnd - t || !filter.regionMatches(f, topic, t, fLength))) {
                return false;
            }
            final boolean filterDone = fEnd == filter.length();
            final boolean topicDone = tEnd == topic.length();
            if (topicDone) {
                // "a/#" also matches "a": the parent level
                return filterDone || filter.length() == fEnd + 2 && filter.endsWith("/#");
            }
            if (filterDone) {
                return false;
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }

    private static int levelEnd(final String s, final int from) {
        final int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }

    /** The subscription for a filter: shared under the group, or the filter itself. */
    public static String subscription(final String filter, final String shareGroup) {
        return shareGroup == null ? filter : SHARE_PREFIX + shareGroup + "/" + filter;
    }
}
