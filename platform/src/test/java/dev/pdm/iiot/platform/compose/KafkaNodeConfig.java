package dev.pdm.iiot.platform.compose;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server.properties that deploy/kafka/start.sh writes for a node of docker compose, given the
 * node's environment: the script's {@code name="${VARIABLE:-default}"} assignments are evaluated
 * as the shell does, then its here-document is expanded. Only the forms the script uses are
 * understood; anything else in the here-document that looks like an expansion fails, so the test
 * notices when the script outgrows this reading.
 */
public final class KafkaNodeConfig {

    public static final Path SCRIPT = Path.of("..", "deploy", "kafka", "start.sh");

    private static final Pattern ASSIGNMENT = Pattern.compile("^([a-z_]+)=\"\\$\\{([A-Z_]+)(?::-([^}]*))?}\"\\s*$");
    private static final Pattern EXPANSION = Pattern.compile("\\$\\{([A-Za-z_]+)}");
    private static final Pattern HEREDOC = Pattern.compile("^cat > \"\\$props\" <<([A-Z]+)\\s*$");

    private KafkaNodeConfig() {
    }

    /** The node's configuration for this environment (its env_file and environment together). */
    public static Properties render(final Map<String, String> environment) throws IOException {
        final List<String> lines = Files.readAllLines(SCRIPT);
        final Map<String, String> variables = new HashMap<>(environment);
        final StringBuilder properties = new StringBuilder();
        String terminator = null;
        for (final String line : lines) {
            if (terminator != null) {
                if (line.equals(terminator)) {
                    return load(properties.toString());
                }
                properties.append(expand(line, variables)).append('\n');
                continue;
            }
            final Matcher assignment = ASSIGNMENT.matcher(line);
            if (assignment.matches()) {
                final String value = environment.get(assignment.group(2));
                final String fallback = assignment.group(3);
                if ((value == null || value.isEmpty()) && fallback == null) {
                    throw new IllegalArgumentException(assignment.group(2) + " is not set and has no default");
                }
                variables.put(assignment.group(1), value == null || value.isEmpty() ? fallback : value);
                continue;
            }
            final Matcher heredoc = HEREDOC.matcher(line);
            if (heredoc.matches()) {
                terminator = heredoc.group(1);
            }
        }
        throw new IllegalStateException(SCRIPT + " writes no server.properties here-document");
    }

    private static String expand(final String line, final Map<String, String> variables) {
        final Matcher m = EXPANSION.matcher(line);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            final String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("start.sh expands ${" + m.group(1) + "}, which is not set: " + line);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (out.indexOf("$") >= 0) {
            throw new IllegalArgumentException("an expansion this reading does not understand: " + line);
        }
        return out.toString();
    }

    private static Properties load(final String text) throws IOException {
        final Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
