package dev.pdm.iiot.connect.source;

import dev.pdm.iiot.connect.metrics.TaskMetrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** What a source task counts; published as its metrics (names in the README). */
public final class SourceCounters {

    final LongAdder received = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder droppedAcks = new LongAdder();

    public long received() {
        return received.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long forwarded() {
        return forwarded.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    /**
     * Records not written to Kafka: refused by Kafka and skipped under {@code errors.tolerance=all},
     * or dropped by a transform. Their MQTT messages are acknowledged all the same.
     */
    public long skipped() {
        return skipped.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    /**
     * Messages whose acknowledgement was not sent because their connection was lost first: the
     * broker redelivers them (with DUP set), so downstream may see them twice.
     */
    public long droppedAcks() {
        return droppedAcks.sum();
    }

    /** The task's metrics; {@code inFlight} and {@code reconnects} are read from its subscribers. */
    public TaskMetrics metrics(final LongSupplier rejected, final LongSupplier inFlight, final LongSupplier reconnects) {
        return new TaskMetrics()
                .gauge("mqtt-messages-received-total", "MQTT messages received", this::received)
                .gauge("mqtt-messages-forwarded-total", "records Kafka acknowledged on the target topic", this::forwarded)
                .gauge("mqtt-messages-rejected-total", "messages routed to the dead-letter topic", rejected)
                .gauge("mqtt-messages-dead-lettered-total", "dead-letter records Kafka acknowledged", this::deadLettered)
                .gauge("mqtt-messages-skipped-total", "records not written to Kafka (refused by Kafka and skipped "
                        + "under errors.tolerance=all, or dropped by a transform); their MQTT messages are "
                        + "acknowledged", this::skipped)
                .gauge("mqtt-messages-duplicate-total", "messages received with the DUP flag (redeliveries)", this::duplicates)
                .gauge("mqtt-messages-acknowledged-total", "messages acknowledged to the MQTT broker", this::acknowledged)
                .gauge("mqtt-acks-dropped-total", "acknowledgements not sent because the connection was lost; "
                        + "the broker redelivers these messages", this::droppedAcks)
                .gauge("mqtt-messages-in-flight", "messages received and not yet acknowledged to the broker", inFlight)
                .gauge("mqtt-reconnects-total", "connections to the MQTT broker lost and re-established", reconnects);
    }
}
