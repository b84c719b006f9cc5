/**
 * The audit of a chaos run, from Kafka itself: {@link dev.pdm.iiot.platform.chaos.audit.ChaosAudit}
 * tails {@code machine-telemetry}, the detector's readings changelog, {@code machine-alerts} and
 * {@code machine-models} with {@link dev.pdm.iiot.platform.chaos.audit.TopicTail}s, receives the MQTT
 * alert topic on every node, and checks with one pure class per question: nothing acknowledged lost
 * ({@link dev.pdm.iiot.platform.chaos.audit.TelemetryAudit}), every reading scored exactly once
 * ({@link dev.pdm.iiot.platform.chaos.audit.ScoringAudit}), no alert raised twice
 * ({@link dev.pdm.iiot.platform.chaos.audit.AlertAudit}), no model lost
 * ({@link dev.pdm.iiot.platform.chaos.audit.ModelAudit}), every alert state on MQTT
 * ({@link dev.pdm.iiot.platform.chaos.audit.MqttAlertAudit}) and the dashboard agreeing with the
 * detector ({@link dev.pdm.iiot.platform.chaos.audit.SnapshotCheck}).
 */
package dev.pdm.iiot.platform.chaos.audit;
