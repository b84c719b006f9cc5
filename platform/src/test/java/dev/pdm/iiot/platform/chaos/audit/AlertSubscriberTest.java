package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.connect.config.MqttSinkConfig.PayloadFormat;
import dev.pdm.iiot.events.MqttTopics;
import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.pdm.iiot.events.model.AlertStatus.ACTIVE_UNACK;
import static org.assertj.core.api.Assertions.assertThat;

class AlertSubscriberTest {

    private final AlertSubscriber subscriber;

    AlertSubscriberTest() throws Exception {
        subscriber = new AlertSubscriber("tcp://localhost:1", "audit-test", "alerts", "secret", MqttTopics.ALERTS,
                PayloadFormat.UNCHANGED, Duration.ofMinutes(5));
    }

    @AfterEach
    void close() {
        subscriber.close();
    }

    @Test
    void keepsEachMessageAsTheAlertStateItIs() {
        final Alert alert = Alerts.anomaly(1, ACTIVE_UNACK, 3, 0);

        subscriber.messageArrived(MqttTopics.ALERTS, new MqttMessage(EventJson.toBytes(alert)));

        assertThat(subscriber.seen()).containsExactly(AlertIdentity.of(alert, PayloadFormat.UNCHANGED));
        assertThat(subscriber.messages()).isEqualTo(1);
    }

    @Test
    void countsAMessageThatIsNotAnAlert() {
        subscriber.messageArrived(MqttTopics.ALERTS, new MqttMessage("hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(subscriber.seen()).isEmpty();
        assertThat(subscriber.unreadable()).isEqualTo(1);
    }
}
