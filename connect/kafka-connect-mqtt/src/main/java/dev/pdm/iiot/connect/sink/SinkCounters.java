package dev.pdm.iiot.connect.sink;

import dev.pdm.iiot.connect.metrics.TaskMetrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** What a sink task counts; published as its metrics (names in the README). */
public final class SinkCounters {

    final LongAdder published = new LongAdder();
    final LongAdder acknowledged = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retries = new LongAdder();

    public long published() {
        return published.sum();
    }

    public long acknowledged() {
        return acknowledged.sum();
    }

    /** Records without a value (tombstones): nothing to publish. */
    public long skipped() {
        return skipped.sum();
    }

    /** Records that could not be turned into a message, handed to Connect's error handling. */
    public long failed() {
        return failed.sum();
    }

    /** Times the task rewound to its oldest unacknowledged record and published again. */
    public long retries() {
        return retries.sum();
    }

    public TaskMetrics metrics(final LongSupplier inFlight, final LongSupplier reconnects) {
        return new TaskMetrics()
                .gauge("mqtt-records-published-total", "records published to MQTT", this::published)
                .gauge("mqtt-records-acknowledged-total", "publishes the broker acknowledged", this::acknowledged)
                .gauge("mqtt-records-skipped-total", "records without a value, not published", this::skipped)
                .gauge("mqtt-records-failed-total", "records that could not be mapped to a message", this::failed)
                .gauge("mqtt-publish-retries-total", "rewinds to the oldest unacknowledged record", this::retries)
                .gauge("mqtt-publishes-in-flight", "publishes awaiting the broker's acknowledgement", inFlight)
                .gauge("mqtt-reconnects-total", "connections to the MQTT broker lost and re-established", reconnects);
    }
}
