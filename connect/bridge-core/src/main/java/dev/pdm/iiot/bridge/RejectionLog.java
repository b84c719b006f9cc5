package dev.pdm.iiot.bridge;

import dev.pdm.iiot.events.validation.RejectReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts rejected messages per reason and says so in the log once per reason, at WARN, with the
 * first example; every later one only at DEBUG, so that a misbehaving device cannot flood the log.
 */
public final class RejectionLog {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);

    private final Map<RejectReason, AtomicLong> counts = new EnumMap<>(RejectReason.class);
    private final String dlqTopic;

    public RejectionLog(final String dlqTopic) {
        this.dlqTopic = dlqTopic;
        for (final RejectReason reason : RejectReason.values()) {
            counts.put(reason, new AtomicLong());
        }
    }

    public void rejected(final RejectReason reason, final String detail, final String mqttTopic) {
        final long n = counts.get(reason).incrementAndGet();
        if (n == 1) {
            LOG.warn("Rejected a message on {} as {}: {}; it goes to {} with the reason in its headers "
                    + "(further {} rejections are logged at DEBUG only and counted)", mqttTopic, reason, detail,
                    dlqTopic, reason);
        } else {
            LOG.debug("Rejected a message on {} as {}: {}", mqttTopic, reason, detail);
        }
    }

    public long count(final RejectReason reason) {
        return counts.get(reason).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
