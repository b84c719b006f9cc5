package dev.pdm.iiot.detector.watch;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Which group a machine is compared with: its reading's type, else the configured patterns, else one group. */
class PeerGroupsTest {

    private static final WatchSettings.Peers CONFIGURED = WatchSettings.Peers.defaults().withGroups(groups());

    private static Map<String, Pattern> groups() {
        final Map<String, Pattern> groups = new LinkedHashMap<>();
        groups.put("pumps", Pattern.compile("PUMP_.*"));
        groups.put("first-line", Pattern.compile("PUMP_00.|FAN_00."));
        return groups;
    }

    @Test
    void theTypeAReadingNamesComesFirst() {
        assertThat(CONFIGURED.groupOf("PUMP_001", "booster-pump")).isEqualTo("booster-pump");
        assertThat(WatchSettings.Peers.defaults().groupOf("MACHINE_001", "fan")).isEqualTo("fan");
    }

    @Test
    void withoutATypeTheFirstMatchingPatternByGroupNameDecidesElseOneGroupForAll() {
        // "first-line" comes before "pumps" whatever order the configuration gave them in
        assertThat(CONFIGURED.groupOf("PUMP_001", null)).isEqualTo("first-line");
        assertThat(CONFIGURED.groupOf("PUMP_100", null)).isEqualTo("pumps");
        assertThat(CONFIGURED.groupOf("FAN_002", null)).isEqualTo("first-line");
        assertThat(CONFIGURED.groupOf("MIXER_1", null)).isEqualTo(WatchSettings.Peers.DEFAULT_GROUP);
        assertThat(WatchSettings.Peers.defaults().groupOf("PUMP_001", null)).isEqualTo(WatchSettings.Peers.DEFAULT_GROUP);
    }
}
