package dev.pdm.iiot.notifier.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code notifier.*} setting of {@link NotifierConfig} is in the README's configuration table. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void everySettingIsInTheConfigurationTable() throws IOException {
        final String readme = Files.readString(Path.of("README.md"));

        final List<String> keys = keys("notifier", NotifierConfig.class);

        assertThat(keys).contains("notifier.rules.<rule>.escalation.after", "notifier.delivery.tick");
        for (final String key : keys) {
            assertThat(readme).as("README documents %s", key).contains("| `" + key + "` |");
        }
    }

    private static List<String> keys(final String prefix, final Class<?> mapping) {
        final List<String> keys = new ArrayList<>();
        for (final Method method : mapping.getDeclaredMethods()) {
            final String key = prefix + '.' + kebab(method.getName());
            if (method.getReturnType() == Map.class) {
                final boolean groups = method.getGenericReturnType().getTypeName().endsWith("String>");
                if (groups) {
                    keys.add(key + ".<group>");
                } else {
                    keys.addAll(keys(key + ".<rule>", NotifierConfig.Rule.class));
                }
            } else if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == NotifierConfig.class) {
                keys.addAll(keys(key, method.getReturnType()));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String kebab(final String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
