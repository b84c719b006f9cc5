package dev.pdm.iiot.connect;

import dev.pdm.iiot.connect.config.MqttSinkConfig;
import dev.pdm.iiot.connect.config.MqttSourceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration tables cannot drift from the ConfigDefs. */
class ReadmeDocumentsEveryKeyTest {

    @Test
    void everyConfigurationKeyHasARowInTheReadme() throws Exception {
        final String readme = Files.readString(Path.of("README.md"));

        for (final String key : MqttSourceConfig.CONFIG_DEF.names()) {
            assertThat(readme).as(key).contains("| `" + key + "` |");
        }
        for (final String key : MqttSinkConfig.CONFIG_DEF.names()) {
            assertThat(readme).as(key).contains("| `" + key + "` |");
        }
    }
}
