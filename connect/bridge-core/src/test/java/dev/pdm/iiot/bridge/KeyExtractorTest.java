package dev.pdm.iiot.bridge;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KeyExtractorTest {

    private static byte[] json(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void takesTheMachineIdFromThePrototypesTopic() {
        final KeyExtractor keys = new KeyExtractor(KeySource.TOPIC, 2, "machine_id");

        assertThat(keys.keyOf("factory/machines/MACHINE_003/sensors", null)).isEqualTo("MACHINE_003");
        assertThat(keys.keyOf("factory/machines", null)).isNull();
        assertThat(keys.keyOf("factory/machines//sensors", null)).isNull();
        assertThat(new KeyExtractor(KeySource.TOPIC, 0, "x").keyOf("plant/a", null)).isEqualTo("plant");
        assertThat(new KeyExtractor(KeySource.TOPIC, 1, "x").keyOf("plant/a", null)).isEqualTo("a");
    }

    @Test
    void takesATopLevelJsonField() {
        final KeyExtractor keys = new KeyExtractor(KeySource.JSON, 0, "machine_id");

        assertThat(keys.keyOf("t", json("{\"temperature\":{\"machine_id\":\"inner\"},\"machine_id\":\"M1\"}")))
                .isEqualTo("M1");
        assertThat(keys.keyOf("t", json("{\"machine_id\":42}"))).isEqualTo("42");
        assertThat(keys.keyOf("t", json("{\"machine_id\":null}"))).isNull();
        assertThat(keys.keyOf("t", json("{\"rpm\":1500}"))).isNull();
        assertThat(keys.keyOf("t", json("[\"machine_id\"]"))).isNull();
        assertThat(keys.keyOf("t", json("not json"))).isNull();
        assertThat(keys.keyOf("t", new byte[0])).isNull();
    }

    @Test
    void noKeyWhenToldSo() {
        assertThat(new KeyExtractor(KeySource.NONE, 2, "machine_id")
                .keyOf("factory/machines/M1/sensors", json("{\"machine_id\":\"M1\"}"))).isNull();
    }
}
