package dev.pdm.iiot.platform.compose;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * deploy/kafka/acls.conf read the way deploy/kafka/acls.sh reads it (whitespace-separated
 * {@code principal resource pattern name operations}, {@code #} comments), as Kafka ACL bindings.
 */
record ComposeAcls(List<Line> lines) {

    static final Path FILE = Path.of("..", "deploy", "kafka", "acls.conf");

    /** One line of the file. */
    record Line(String principal, ResourceType resource, PatternType pattern, String name, List<AclOperation> operations) {

        List<AclBinding> bindings() {
            final ResourcePattern target = new ResourcePattern(resource, name, pattern);
            return operations.stream()
                    .map(op -> new AclBinding(target, new AccessControlEntry("User:" + principal, "*", op,
                            AclPermissionType.ALLOW)))
                    .toList();
        }
    }

    static ComposeAcls read() throws IOException {
        final List<Line> lines = new ArrayList<>();
        for (final String raw : Files.readAllLines(FILE)) {
            final String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final String[] f = line.split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException("acls.conf needs 5 fields per line: " + line);
            }
            lines.add(new Line(f[0], resource(f[1]), PatternType.fromString(f[2].toUpperCase(Locale.ROOT)),
                    f[3], List.of(f[4].split(",")).stream().map(ComposeAcls::operation).toList()));
        }
        return new ComposeAcls(List.copyOf(lines));
    }

    List<AclBinding> bindings() {
        return lines.stream().flatMap(l -> l.bindings().stream()).toList();
    }

    private static ResourceType resource(final String value) {
        return switch (value) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactional-id" -> ResourceType.TRANSACTIONAL_ID;
            case "cluster" -> ResourceType.CLUSTER;
            default -> throw new IllegalArgumentException("acls.conf: unknown resource " + value);
        };
    }

    private static AclOperation operation(final String value) {
        final AclOperation op = SecurityUtils.operation(value);
        if (op == AclOperation.UNKNOWN) {
            throw new IllegalArgumentException("acls.conf: unknown operation " + value);
        }
        return op;
    }
}
