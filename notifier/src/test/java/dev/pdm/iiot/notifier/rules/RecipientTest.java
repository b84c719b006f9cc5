package dev.pdm.iiot.notifier.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipientTest {

    @Test
    void readsEachChannelsPrefix() {
        assertThat(Recipient.parse("mail:ops@plant.test")).isEqualTo(new Recipient(ChannelKind.MAIL, "ops@plant.test"));
        assertThat(Recipient.parse(" webhook:https://hooks.example/x ").channel()).isEqualTo(ChannelKind.WEBHOOK);
        assertThat(Recipient.parse("chat:https://hooks.example/services/T/B/secret").address())
                .isEqualTo("https://hooks.example/services/T/B/secret");
    }

    @Test
    void refusesWhatIsNotChannelAndAddress() {
        assertThatThrownBy(() -> Recipient.parse("ops@plant.test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("sms:+4912345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("mail:not-an-address")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recipient.parse("webhook:ftp://files.example/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void showsAWebhookByItsHostOnlyBecauseItsPathIsItsSecret() {
        assertThat(Recipient.parse("chat:https://hooks.example/services/T/B/secret").redacted())
                .isEqualTo("chat:https://hooks.example/…");
        assertThat(Recipient.parse("webhook:http://127.0.0.1:8099/fail").toString())
                .isEqualTo("webhook:http://127.0.0.1:8099/…");
        assertThat(Recipient.parse("mail:ops@plant.test").redacted()).isEqualTo("mail:ops@plant.test");
    }
}
