package dev.pdm.iiot.dashboard.stats;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * The statistics panel, and {@code GET /api/statistics}. The first three fields are the prototype's.
 *
 * @param totalReadings     readings the detector accepted, all time, summed over the machines
 * @param anomaliesDetected anomalous readings, all time, summed over the machines
 * @param activeMachines    machines with a status record within the active window
 * @param machines          machines known (with a status from the detector)
 * @param training          machines collecting training readings
 * @param normal            machines whose last reading was normal
 * @param anomaly           machines whose last reading was anomalous (the point score's verdict:
 *                          such a machine is in WATCH unless an alert is open; see {@code machinesByHealth})
 * @param readingsPerSecond readings the detector accepted per second, from the growth of the
 *                          machines' reading counts in their statuses
 * @param dlqRecords        records on the dead-letter topic (within its retention): the readings
 *                          the platform rejected
 * @param dlqByReason       the same, by reason
 * @param openAlerts        open alerts
 * @param unacknowledged    open alerts nobody acknowledged yet
 * @param kafka             health of the Kafka channels
 * @param detector          reachability of the detector's REST API
 * @param websocket         the WebSocket fan-out
 * @param heap              this dashboard's Java heap
 * @param generatedAt       when this was computed
 * @param machinesByHealth  machines by health, from their alerts: LEARNING, OK, WATCH and ALERT,
 *                          each always present
 * @param openAlertsByType  open alerts by type (ANOMALY, DEGRADATION, …), the types with one or more
 */
public record PlantStatistics(
        @JsonProperty("total_readings") long totalReadings,
        @JsonProperty("anomalies_detected") long anomaliesDetected,
        @JsonProperty("active_machines") int activeMachines,
        @JsonProperty("machines") int machines,
        @JsonProperty("training") int training,
        @JsonProperty("normal") int normal,
        @JsonProperty("anomaly") int anomaly,
        @JsonProperty("readings_per_second") double readingsPerSecond,
        @JsonProperty("dlq_records") long dlqRecords,
        @JsonProperty("dlq_by_reason") Map<String, Long> dlqByReason,
        @JsonProperty("open_alerts") int openAlerts,
        @JsonProperty("unacknowledged_alerts") int unacknowledged,
        @JsonProperty("kafka") Health kafka,
        @JsonProperty("detector") Health detector,
        @JsonProperty("websocket") FanOutMetrics.Snapshot websocket,
        @JsonProperty("heap") Heap heap,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("machines_by_health") Map<String, Integer> machinesByHealth,
        @JsonProperty("open_alerts_by_type") Map<String, Integer> openAlertsByType) {

    /**
     * The Java heap of this dashboard.
     *
     * @param usedBytes    in use now, garbage included
     * @param afterGcBytes in use after the last collection of each heap pool: what is really retained
     * @param maxBytes     the most it may grow to
     */
    public record Heap(@JsonProperty("used_bytes") long usedBytes, @JsonProperty("after_gc_bytes") long afterGcBytes,
                       @JsonProperty("max_bytes") long maxBytes) {

        public static Heap now() {
            final Runtime runtime = Runtime.getRuntime();
            long afterGc = 0;
            for (final java.lang.management.MemoryPoolMXBean pool
                    : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                final java.lang.management.MemoryUsage usage = pool.getCollectionUsage();
                if (pool.getType() == java.lang.management.MemoryType.HEAP && usage != null) {
                    afterGc += usage.getUsed();
                }
            }
            return new Heap(runtime.totalMemory() - runtime.freeMemory(), afterGc, runtime.maxMemory());
        }
    }

    /**
     * Health of a dependency.
     *
     * @param status    UP, DOWN (answers but is not ready), UNREACHABLE or UNKNOWN (not checked yet)
     * @param detail    why, when not UP
     * @param checkedAt when it was last checked
     * @param url       where, when it has one
     */
    public record Health(
            @JsonProperty("status") String status,
            @JsonProperty("detail") String detail,
            @JsonProperty("checked_at") Instant checkedAt,
            @JsonProperty("url") String url) {
    }
}
