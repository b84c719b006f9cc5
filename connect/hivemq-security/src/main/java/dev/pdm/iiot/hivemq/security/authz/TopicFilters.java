package dev.pdm.iiot.hivemq.security.authz;

/**
 * MQTT topic filters (OASIS MQTT 5.0, 4.7): whether a filter matches a topic, whether every topic one
 * filter can match is matched by another, and shared subscriptions ({@code $share/GROUP/FILTER}).
 * Nothing is allocated per check but the level split of the filters.
 */
public final class TopicFilters {

    private static final String SHARE = "$share/";

    private TopicFilters() {
    }

    /** What is wrong with the filter, or null when it is a valid one (not shared). */
    public static String problemOf(final String filter) {
        if (filter == null || filter.isEmpty()) {
            return "a topic filter must not be empty";
        }
        if (filter.startsWith(SHARE)) {
            return "a shared subscription cannot be a permission";
        }
        final String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            final String level = levels[i];
            if (level.equals("#") && i != levels.length - 1) {
                return "# may only be the last level";
            }
            if (level.length() > 1 && (level.contains("+") || level.contains("#"))) {
                return "a wildcard must be a whole level";
            }
        }
        return null;
    }

    /** The filter without a shared subscription's {@code $share/GROUP/} prefix. */
    public static String unshared(final String filter) {
        if (!filter.startsWith(SHARE)) {
            return filter;
        }
        final int groupEnd = filter.indexOf('/', SHARE.length());
        return groupEnd < 0 ? "" : filter.substring(groupEnd + 1);
    }

    /** Whether the filter matches the topic name. */
    public static boolean matches(final String filter, final String topic) {
        final String[] want = filter.split("/", -1);
        final String[] have = topic.split("/", -1);
        if (!topic.isEmpty() && topic.charAt(0) == '$' && (want[0].equals("+") || want[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("#")) {
                return true;
            }
            if (i >= have.length || !(want[i].equals("+") || want[i].equals(have[i]))) {
                return false;
            }
        }
        return want.length == have.length;
    }

    /**
     * Whether every topic the requested filter can match is matched by the allowed one, so a client
     * allowed {@code factory/#} may subscribe to {@code factory/machines/+/sensors} but not to {@code #}.
     */
    public static boolean covers(final String allowed, final String requested) {
        if (problemOf(requested) != null) {
            return false;
        }
        final String[] wide = allowed.split("/", -1);
        final String[] narrow = requested.split("/", -1);
        for (int i = 0; i < wide.length; i++) {
            if (wide[i].equals("#")) {
                return true;
            }
            if (i >= narrow.length || narrow[i].equals("#")) {
                return false;
            }
            if (!wide[i].equals("+") && (narrow[i].equals("+") || !wide[i].equals(narrow[i]))) {
                return false;
            }
        }
        return wide.length == narrow.length;
    }
}
