package dev.pdm.iiot.platform.chaos.audit;

import dev.pdm.iiot.events.json.EventSerdes;
import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an alert was raised twice for one episode, from {@code machine-alerts}. The detector keeps
 * one open alert per machine and type; its states go ACTIVE_UNACK → ACTIVE_ACK → CLEARED, an update
 * adds one to {@code count}, an ack or a clear keeps it, and a new alert takes the next number of
 * its machine and type ({@code machine:TYPE:n}). All of a machine's alerts are keyed by the machine,
 * so they are in one partition, in the order the detector wrote them. Read in that order, a record
 * is a duplicate of kind:
 * <ul>
 *   <li>{@link Kind#CONCURRENT_OPEN}: an open state of an alert while another alert of the same
 *       machine and type is open (its latest state not CLEARED);</li>
 *   <li>{@link Kind#REOPENED}: an open state of an alert that was cleared;</li>
 *   <li>{@link Kind#NUMBER_WENT_BACK}: a new alert whose number is not above the highest number of
 *       its machine and type seen before (the detector forgot it had raised those);</li>
 *   <li>{@link Kind#WENT_BACK}: a state of an alert that is not later than its previous state: a
 *       lower {@code count}, or the same {@code count} without a later status (an older state
 *       published again);</li>
 *   <li>{@link Kind#REPEATED}: a state equal to the alert's previous state (one emission processed
 *       twice).</li>
 * </ul>
 * Thread-safe.
 */
public final class AlertAudit {

    /** How many duplicates a summary names. */
    public static final int EXAMPLES = 50;

    /** The ways an alert can be raised twice. */
    public enum Kind { CONCURRENT_OPEN, REOPENED, NUMBER_WENT_BACK, WENT_BACK, REPEATED }

    private final JsonSerde<Alert> serde = EventSerdes.alert();
    private final Map<String, Alert> latest = new HashMap<>();
    /** Per {@code machine:type}, the open alert's id. */
    private final Map<String, String> open = new HashMap<>();
    /** Per {@code machine:type}, the highest alert number seen. */
    private final Map<String, Long> highest = new HashMap<>();
    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
    private final List<Duplicate> examples = new ArrayList<>();
    private long records;
    private long unreadable;

    /** A record of {@code machine-alerts}, as the tail hands it over. */
    public void onRecord(final ConsumerRecord<byte[], byte[]> record) {
        final Alert alert;
        try {
            alert = record.value() == null ? null : serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            synchronized (this) {
                unreadable++;
            }
            return;
        }
        if (alert != null) {
            accept(alert);
        }
    }

    /** One state of an alert, in the order of its machine's records. */
    public synchronized void accept(final Alert alert) {
        records++;
        final String slot = alert.machineId() + ":" + alert.type();
        final Alert previous = latest.put(alert.alertId(), alert);
        if (previous == null) {
            final long n = numberOf(alert.alertId());
            final Long top = highest.get(slot);
            if (n >= 0 && top != null && n <= top) {
                found(Kind.NUMBER_WENT_BACK, alert, List.of(slot + ":" + top,
                        alert.alertId()), "number " + n + " after number " + top);
            }
            if (n >= 0 && (top == null || n > top)) {
                highest.put(slot, n);
            }
        } else if (previous.equals(alert)) {
            found(Kind.REPEATED, alert, List.of(alert.alertId()), describe(alert) + " twice");
        } else if (!previous.status().isOpen() && alert.status().isOpen()) {
            found(Kind.REOPENED, alert, List.of(alert.alertId()), describe(alert) + " after " + describe(previous));
        } else if (!isLater(previous, alert)) {
            found(Kind.WENT_BACK, alert, List.of(alert.alertId()), describe(alert) + " after " + describe(previous));
        }
        if (alert.status().isOpen()) {
            final String other = open.get(slot);
            if (other != null && !other.equals(alert.alertId()) && latest.get(other).status().isOpen()) {
                found(Kind.CONCURRENT_OPEN, alert, List.of(other, alert.alertId()),
                        describe(alert) + " while " + other + " is open");
            }
            open.put(slot, alert.alertId());
        } else if (alert.alertId().equals(open.get(slot))) {
            open.remove(slot);
        }
    }

    /** Whether {@code next} is a later state than {@code previous}: more readings, or the same and further in its life. */
    private static boolean isLater(final Alert previous, final Alert next) {
        final int before = rank(previous.status());
        final int after = rank(next.status());
        return next.count() > previous.count() ? after >= before : next.count() == previous.count() && after > before;
    }

    private static int rank(final AlertStatus status) {
        return switch (status) {
            case ACTIVE_UNACK -> 0;
            case ACTIVE_ACK -> 1;
            case CLEARED -> 2;
        };
    }

    /** The {@code n} of {@code machine:TYPE:n}, or -1 when the id is not one. */
    static long numberOf(final String alertId) {
        final int colon = alertId.lastIndexOf(':');
        if (colon < 0 || colon == alertId.length() - 1) {
            return -1;
        }
        try {
            return Long.parseLong(alertId.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(final Alert a) {
        return a.alertId() + " " + a.status() + " count " + a.count() + " at " + a.timestamp();
    }

    private void found(final Kind kind, final Alert alert, final List<String> alertIds, final String detail) {
        counts.merge(kind, 1L, Long::sum);
        if (examples.size() < EXAMPLES) {
            examples.add(new Duplicate(kind, alert.machineId(), alert.type(), alertIds, detail));
        }
    }

    public synchronized Summary summary() {
        final long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new Summary(records, latest.size(), total, Map.copyOf(counts), List.copyOf(examples), unreadable);
    }

    /** One alert raised twice: how, the machine and type, the alert ids involved, and what was seen. */
    public record Duplicate(Kind kind, String machineId, String type, List<String> alertIds, String detail) {
    }

    /**
     * @param records    alert records read
     * @param alerts     distinct alert ids
     * @param duplicates records that raised an alert twice, of any kind
     * @param byKind     how many of each kind
     * @param examples   the first {@value #EXAMPLES} of them
     * @param unreadable records that are not an alert
     */
    public record Summary(long records, long alerts, long duplicates, Map<Kind, Long> byKind,
                          List<Duplicate> examples, long unreadable) {
    }
}
