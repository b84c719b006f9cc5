package dev.pdm.iiot.platform.chaos.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingFieldsTest {

    private static byte[] json(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsSeqAndMachineIdOfAContractReading() {
        final byte[] reading = json("{\"machine_id\": \"MACHINE_003\", \"timestamp\": \"2025-11-21T21:27:22Z\", "
                + "\"schema_version\": 1, \"seq\" : 1042, \"temperature\": 82.4}");

        assertThat(ReadingFields.seq(reading)).isEqualTo(1042);
        assertThat(ReadingFields.machineId(reading)).isEqualTo("MACHINE_003");
    }

    @Test
    void findsNoSeqWhereThereIsNoneOrItIsNotAnInteger() {
        assertThat(ReadingFields.seq(json("{\"machine_id\":\"M1\",\"temperature\":1}"))).isEqualTo(-1);
        assertThat(ReadingFields.seq(json("{\"seq\":1.5}"))).isEqualTo(-1);
        assertThat(ReadingFields.seq(json("{\"seq\":-3}"))).isEqualTo(-1);
        assertThat(ReadingFields.seq(json("{\"seq\":\"7\"}"))).isEqualTo(-1);
        assertThat(ReadingFields.seq(json("{\"seq\":99999999999999999999}"))).isEqualTo(-1);
        assertThat(ReadingFields.seq(null)).isEqualTo(-1);
    }

    @Test
    void doesNotMistakeASensorNamedLikeSeqForIt() {
        assertThat(ReadingFields.seq(json("{\"seq_x\":5,\"seq\":6}"))).isEqualTo(6);
    }

    @Test
    void findsNoMachineIdWhenItIsNotAPlainString() {
        assertThat(ReadingFields.machineId(json("{\"machine_id\":42}"))).isNull();
        assertThat(ReadingFields.machineId(json("{\"seq\":1}"))).isNull();
    }
}
