package dev.pdm.iiot.hivemq.security.config;

import dev.pdm.iiot.events.MqttTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityConfigTest {

    private static final Path HOME = Path.of("/opt/hivemq/extensions/pdm-security");

    private static Properties properties(final String... keyValues) {
        final Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void defaultsAreThePlatformsTopicsAndSecure() {
        final SecurityConfig config = SecurityConfig.from(new Properties(), Map.of(), HOME);

        assertThat(config.credentialsFile()).isEqualTo(HOME.resolve("conf/credentials"));
        assertThat(config.readingsTopic()).isEqualTo(MqttTopics.SENSORS_TEMPLATE);
        assertThat(config.readingsFilter()).isEqualTo(MqttTopics.SENSORS_FILTER);
        assertThat(config.readingsPrefix() + "MACHINE_001" + config.readingsSuffix())
                .isEqualTo(MqttTopics.sensors("MACHINE_001"));
        assertThat(MqttTopics.ALERTS).startsWith(config.alertsFilter().replace("#", ""));
        assertThat(config.operatorFilter()).isEqualTo("factory/#");
        assertThat(config.anonymousReadings()).isFalse();
        assertThat(config.clientCertificates()).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheFileAndAnAbsolutePathStaysAsItIs() {
        final SecurityConfig config = SecurityConfig.from(
                properties("anonymous.readings", "false", "credentials.file", "conf/devices"),
                Map.of("PDM_SECURITY_ANONYMOUS_READINGS", "TRUE", "PDM_SECURITY_CLIENT_CERTIFICATES", "true",
                        "PDM_SECURITY_CREDENTIALS_FILE", "/etc/pdm/mqtt-credentials", "PATH", "/bin"), HOME);

        assertThat(config.anonymousReadings()).isTrue();
        assertThat(config.clientCertificates()).isTrue();
        assertThat(config.credentialsFile()).isEqualTo(Path.of("/etc/pdm/mqtt-credentials"));
        assertThat(SecurityConfig.envVariable(SecurityConfig.CREDENTIALS_FILE)).isEqualTo("PDM_SECURITY_CREDENTIALS_FILE");
    }

    @Test
    void takesOtherTopics() {
        final SecurityConfig config = SecurityConfig.from(properties("topic.readings", "plant7/{machineId}",
                "topic.alerts", "plant7/alerts/+", "topic.operator", "plant7/#"), Map.of(), HOME);

        assertThat(config.readingsFilter()).isEqualTo("plant7/+");
        assertThat(config.readingsPrefix()).isEqualTo("plant7/");
        assertThat(config.readingsSuffix()).isEmpty();
    }

    @Test
    void refusesABadSettingWithASentenceNamingIt() {
        assertThatThrownBy(() -> SecurityConfig.from(properties("anonymous.readings", "yes"), Map.of(), HOME))
                .hasMessage("anonymous.readings must be true or false, was 'yes'");
        assertThatThrownBy(() -> SecurityConfig.from(properties("credentials.fiel", "x"), Map.of(), HOME))
                .hasMessageContaining("unknown setting 'credentials.fiel'").hasMessageContaining("credentials.file");
        assertThatThrownBy(() -> SecurityConfig.from(new Properties(), Map.of("PDM_SECURITY_TOPIC", "x"), HOME))
                .hasMessageContaining("unknown setting 'PDM_SECURITY_TOPIC'");
        assertThatThrownBy(() -> SecurityConfig.from(properties("topic.readings", "factory/{machineId}x/s"), Map.of(),
                HOME)).hasMessageContaining("topic.readings must name {machineId} once, as a whole level");
        assertThatThrownBy(() -> SecurityConfig.from(properties("topic.readings", "factory/+/{machineId}"), Map.of(),
                HOME)).hasMessageContaining("not a filter");
        assertThatThrownBy(() -> SecurityConfig.from(properties("topic.alerts", "factory/#/x"), Map.of(), HOME))
                .hasMessageContaining("topic.alerts").hasMessageContaining("# may only be the last level");
        assertThatThrownBy(() -> SecurityConfig.from(properties("credentials.file", " "), Map.of(), HOME))
                .hasMessage("credentials.file must not be empty");
    }

    @Test
    void theShippedPropertiesFileIsTheDefaults(@TempDir final Path home) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.copy(Path.of("src/main/extension/conf/config.properties"), home.resolve(SecurityConfig.FILE));

        final SecurityConfig loaded = SecurityConfig.load(home, Map.of());

        assertThat(loaded).isEqualTo(SecurityConfig.defaults(home.resolve(SecurityConfig.DEFAULT_CREDENTIALS_FILE)));
        for (final String key : SecurityConfig.KEYS) {
            assertThat(Files.readString(home.resolve(SecurityConfig.FILE))).as("documented").contains("# " + key + "=");
            assertThat(Files.readString(Path.of("README.md"))).as("README").contains("`" + key + "`")
                    .contains(SecurityConfig.envVariable(key));
        }
    }
}
