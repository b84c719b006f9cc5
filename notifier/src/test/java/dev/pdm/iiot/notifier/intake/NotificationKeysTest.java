package dev.pdm.iiot.notifier.intake;

import dev.pdm.iiot.notifier.rules.Recipient;
import dev.pdm.iiot.notifier.store.NotificationKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationKeysTest {

    private static final Recipient OPS = Recipient.parse("mail:ops@plant.test");

    @Test
    void anEpisodesNotificationIsKeyedByKindRuleAlertAndRecipient() {
        final String key = NotificationKeys.of("M1:ANOMALY:3", "plant", NotificationKind.RAISED, OPS);

        assertThat(key).isEqualTo("RAISED|plant|M1:ANOMALY:3|mail:ops@plant.test");
        assertThat(NotificationKeys.of("M1:ANOMALY:3", "plant", NotificationKind.ESCALATED, OPS)).isNotEqualTo(key);
        assertThat(NotificationKeys.of("M1:ANOMALY:4", "plant", NotificationKind.RAISED, OPS)).isNotEqualTo(key);
        assertThat(NotificationKeys.of("M1:ANOMALY:3", "other", NotificationKind.RAISED, OPS)).isNotEqualTo(key);
    }

    @Test
    void digestPeriodsAreAlignedToTheEpoch() {
        final Duration hour = Duration.ofHours(1);

        assertThat(DigestPeriods.start(Instant.parse("2025-11-21T21:28:04Z"), hour))
                .isEqualTo(Instant.parse("2025-11-21T21:00:00Z"));
        assertThat(DigestPeriods.start(Instant.parse("2025-11-21T21:00:00Z"), hour))
                .isEqualTo(Instant.parse("2025-11-21T21:00:00Z"));
        assertThat(NotificationKeys.digest("hourly", Instant.parse("2025-11-21T21:00:00Z"), OPS))
                .isEqualTo("DIGEST|hourly|2025-11-21T21:00:00Z|mail:ops@plant.test");
    }
}
