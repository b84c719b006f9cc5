package dev.pdm.iiot.simulator.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PubackOutcomeTest {

    @Test
    void successCodesAreAccepted() {
        assertThat(PubackOutcome.of(0x00)).isEqualTo(PubackOutcome.ACCEPTED);
        assertThat(PubackOutcome.of(0x10)).as("no matching subscribers").isEqualTo(PubackOutcome.ACCEPTED);
    }

    @Test
    void kafkaUnavailableAQuotaAndUnexplainedRefusalsAreSentAgain() {
        assertThat(PubackOutcome.of(0x83)).as("implementation specific error").isEqualTo(PubackOutcome.RESEND);
        assertThat(PubackOutcome.of(0x97)).as("quota exceeded").isEqualTo(PubackOutcome.RESEND);
        assertThat(PubackOutcome.of(0x80)).as("unspecified error").isEqualTo(PubackOutcome.RESEND);
        assertThat(PubackOutcome.of(0x91)).as("packet identifier in use").isEqualTo(PubackOutcome.RESEND);
    }

    @Test
    void anInvalidPayloadIsRejectedNotSentAgain() {
        assertThat(PubackOutcome.of(0x99)).isEqualTo(PubackOutcome.REJECTED);
    }

    @Test
    void refusalsThatSendingAgainCannotChangeAreGivenUp() {
        assertThat(PubackOutcome.of(0x87)).as("not authorized").isEqualTo(PubackOutcome.GIVE_UP);
        assertThat(PubackOutcome.of(0x90)).as("topic name invalid").isEqualTo(PubackOutcome.GIVE_UP);
        assertThat(PubackOutcome.of(0x8E)).as("not a PUBACK code").isEqualTo(PubackOutcome.GIVE_UP);
    }

    @Test
    void codesAreDescribedByNameAndNumber() {
        assertThat(PubackOutcome.describe(0x83)).isEqualTo("IMPLEMENTATION_SPECIFIC_ERROR (0x83)");
        assertThat(PubackOutcome.describe(0x99)).isEqualTo("PAYLOAD_FORMAT_INVALID (0x99)");
        assertThat(PubackOutcome.describe(0xA2)).isEqualTo("reason code (0xa2)");
    }
}
