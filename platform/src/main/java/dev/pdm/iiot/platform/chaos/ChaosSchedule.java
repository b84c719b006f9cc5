package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.cluster.PlatformCluster.Kind;
import dev.pdm.iiot.platform.cluster.PlatformCluster.Part;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The faults of a chaos run, in order. One round kills each part in turn: every Kafka node, every
 * MQTT node, every detector (one of them while the group rebalances after another rejoined), the
 * Connect worker, the dashboard and the notifier; then two at once where the design should survive
 * it: a Kafka node and a detector. Later rounds take the parts in a shifted order, so that over
 * several rounds every node is also killed while it leads other partitions than in the first.
 */
public final class ChaosSchedule {

    /** Kinds of fault, as the report names them. */
    public static final String KAFKA = "Kafka node";
    public static final String MQTT = "MQTT node";
    public static final String DETECTOR = "detector";
    public static final String DETECTOR_REBALANCING = "detector during a rebalance";
    public static final String CONNECT = "Connect worker";
    public static final String DASHBOARD = "dashboard";
    public static final String NOTIFIER = "notifier";
    public static final String KAFKA_AND_DETECTOR = "Kafka node + detector";

    /** The kinds by the short names {@code ./run chaos --only} takes. */
    public static final Map<String, String> KINDS = kinds();

    private ChaosSchedule() {
    }

    /** One kill of each kind: the short run. */
    public static List<Fault> oneOfEachKind(final int kafkaNodes, final int mqttNodes, final int detectors) {
        return round(0, kafkaNodes, mqttNodes, detectors, true);
    }

    /** {@code rounds} full rounds, each killing every part in turn. */
    public static List<Fault> rounds(final int rounds, final int kafkaNodes, final int mqttNodes, final int detectors) {
        final List<Fault> faults = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            faults.addAll(round(round, kafkaNodes, mqttNodes, detectors, false));
        }
        return faults;
    }

    private static List<Fault> round(final int round, final int kafkaNodes, final int mqttNodes, final int detectors,
                                     final boolean oneOfEach) {
        final List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < (oneOfEach ? 1 : kafkaNodes); i++) {
            faults.add(Fault.of(KAFKA, new Part(Kind.KAFKA, shifted(i, round, kafkaNodes))));
        }
        for (int i = 0; i < (oneOfEach ? 1 : mqttNodes); i++) {
            faults.add(Fault.of(MQTT, new Part(Kind.MQTT, shifted(i, round, mqttNodes))));
        }
        final int detector = shifted(0, round, detectors);
        faults.add(Fault.of(DETECTOR, new Part(Kind.DETECTOR, detector)));
        if (detectors > 1) {
            // the detector just restarted rejoins the group: the other one dies in the rebalance
            faults.add(new Fault(DETECTOR_REBALANCING, List.of(new Part(Kind.DETECTOR, shifted(1, round, detectors))),
                    true));
        }
        faults.add(Fault.of(CONNECT, new Part(Kind.CONNECT, 1)));
        faults.add(Fault.of(DASHBOARD, new Part(Kind.DASHBOARD, 1)));
        if (!oneOfEach) {
            faults.add(Fault.of(NOTIFIER, new Part(Kind.NOTIFIER, 1)));
        }
        faults.add(Fault.of(KAFKA_AND_DETECTOR, new Part(Kind.KAFKA, shifted(round + 1, 0, kafkaNodes)),
                new Part(Kind.DETECTOR, shifted(round, 1, detectors))));
        return faults;
    }

    /**
     * The faults of the kinds named by their short names ({@link #KINDS}), in their order. A detector
     * killed during a rebalance keeps the detector fault before it, whose restart starts that
     * rebalance.
     *
     * @throws IllegalArgumentException naming the short names when one is not known
     */
    public static List<Fault> only(final List<Fault> faults, final Collection<String> names) {
        final Set<String> kinds = new HashSet<>();
        for (final String name : names) {
            final String kind = KINDS.get(name.trim().toLowerCase(Locale.ROOT));
            if (kind == null) {
                throw new IllegalArgumentException("no fault kind '" + name + "': one of " + String.join(", ",
                        KINDS.keySet()));
            }
            kinds.add(kind);
        }
        final List<Fault> kept = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            final Fault fault = faults.get(i);
            final boolean startsKeptRebalance = i + 1 < faults.size() && faults.get(i + 1).duringRebalance()
                    && kinds.contains(faults.get(i + 1).kind());
            if (kinds.contains(fault.kind()) || startsKeptRebalance) {
                kept.add(fault);
            }
        }
        return kept;
    }

    private static Map<String, String> kinds() {
        final Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("kafka", KAFKA);
        kinds.put("mqtt", MQTT);
        kinds.put("detector", DETECTOR);
        kinds.put("detector-rebalance", DETECTOR_REBALANCING);
        kinds.put("connect", CONNECT);
        kinds.put("dashboard", DASHBOARD);
        kinds.put("notifier", NOTIFIER);
        kinds.put("kafka+detector", KAFKA_AND_DETECTOR);
        return Collections.unmodifiableMap(kinds);
    }

    /** Part number (from 1) of the {@code index}-th of {@code count} parts in round {@code round}. */
    private static int shifted(final int index, final int round, final int count) {
        return (index + round) % count + 1;
    }
}
