package dev.pdm.iiot.connect.config;

import dev.pdm.iiot.bridge.TopicFilters;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** The validators of the connectors' settings; each rejects a bad value with a sentence saying why. */
public final class Validators {

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern SHARE_GROUP = Pattern.compile("[^/+#\\s]+");
    private static final List<String> SCHEMES = List.of("tcp", "ssl");

    private Validators() {
    }

    /** One or more {@code tcp://host:port} or {@code ssl://host:port} URIs. */
    public static ConfigDef.Validator serverUris() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                final List<?> uris = (List<?>) value;
                if (uris == null || uris.isEmpty()) {
                    throw new ConfigException(name, value, "at least one broker URI is required, e.g. tcp://localhost:1883");
                }
                for (final Object uri : uris) {
                    checkUri(name, String.valueOf(uri).trim());
                }
                if (uris.stream().map(u -> String.valueOf(u).trim()).distinct().count() != uris.size()) {
                    throw new ConfigException(name, value, "a broker URI is listed twice");
                }
            }

            @Override
            public String toString() {
                return "tcp://host:port or ssl://host:port, comma-separated for several independent brokers";
            }
        };
    }

    static void checkUri(final String name, final String text) {
        final URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, text, "not a URI: " + e.getReason());
        }
        if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme())) {
            throw new ConfigException(name, text, "the scheme must be tcp:// or ssl://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new ConfigException(name, text, "the URI names no host");
        }
        if (uri.getPort() == -1 && uri.getAuthority() != null && uri.getAuthority().endsWith(":")) {
            throw new ConfigException(name, text, "the port is missing after the colon");
        }
        final String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !"/".equals(path)) || uri.getQuery() != null) {
            throw new ConfigException(name, text, "an MQTT broker URI has no path or query");
        }
    }

    /** One or more MQTT topic filters; wildcards allowed where MQTT allows them. */
    public static ConfigDef.Validator topicFilters() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                final List<?> filters = (List<?>) value;
                if (filters == null || filters.isEmpty()) {
                    throw new ConfigException(name, value, "at least one topic filter is required, e.g. factory/machines/+/sensors");
                }
                for (final Object filter : filters) {
                    final String problem = TopicFilters.problemOf(String.valueOf(filter).trim());
                    if (problem != null) {
                        throw new ConfigException(name, filter, problem);
                    }
                }
            }

            @Override
            public String toString() {
                return "MQTT topic filters, comma-separated; + and # wildcards allowed";
            }
        };
    }

    /** A Kafka topic name. */
    public static ConfigDef.Validator kafkaTopic() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                final String topic = value == null ? null : String.valueOf(value).trim();
                if (topic == null || !KAFKA_TOPIC.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
                    throw new ConfigException(name, value,
                            "a Kafka topic name is 1 to 249 of the characters a-z A-Z 0-9 . _ -");
                }
            }

            @Override
            public String toString() {
                return "a Kafka topic name";
            }
        };
    }

    /** A shared-subscription group name, or empty for the connector's name. */
    public static ConfigDef.Validator shareGroup() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                final String group = value == null ? "" : String.valueOf(value);
                if (!group.isEmpty() && !SHARE_GROUP.matcher(group).matches()) {
                    throw new ConfigException(name, value, "a share name must not contain /, +, # or whitespace");
                }
            }

            @Override
            public String toString() {
                return "a name without /, +, # or whitespace; empty means the connector's name";
            }
        };
    }

    /** An MQTT topic to publish to, with optional placeholders; see {@link TopicTemplate}. */
    public static ConfigDef.Validator topicTemplate() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(final String name, final Object value) {
                try {
                    TopicTemplate.parse(value == null ? null : String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "an MQTT topic without wildcards; placeholders " + TopicTemplate.PLACEHOLDERS;
            }
        };
    }
}
