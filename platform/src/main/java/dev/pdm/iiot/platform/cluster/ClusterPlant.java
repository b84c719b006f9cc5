package dev.pdm.iiot.platform.cluster;

import dev.pdm.iiot.platform.security.PlatformSecurity;
import dev.pdm.iiot.simulator.core.MachineIds;
import dev.pdm.iiot.simulator.core.PlantConfig;
import dev.pdm.iiot.simulator.core.ReadingFormat;
import dev.pdm.iiot.simulator.core.Simulation;
import dev.pdm.iiot.simulator.core.TelemetryGenerator;
import dev.pdm.iiot.simulator.faults.Degradation;
import dev.pdm.iiot.simulator.faults.FaultPlan;
import dev.pdm.iiot.simulator.faults.FaultType;
import dev.pdm.iiot.simulator.faults.RandomFaults;
import dev.pdm.iiot.simulator.mqtt.AcknowledgementListener;
import dev.pdm.iiot.simulator.mqtt.MqttPublisher;
import dev.pdm.iiot.simulator.mqtt.MqttSettings;
import dev.pdm.iiot.simulator.mqtt.PublishStats;
import dev.pdm.iiot.simulator.output.LabelWriter;
import org.eclipse.paho.mqttv5.common.MqttException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A simulated plant for a {@link PlatformCluster}: machines with random fault episodes publishing
 * in real time over MQTT (the simulator's own lean client, which carries thousands of readings a
 * second on a few threads), their clients spread over every MQTT node and failing over between them
 * (persistent sessions, the same client ids), each reading with its machine's {@code seq}. Every
 * reading a node acknowledged (its PUBACK says Kafka has it) is handed to a listener.
 */
public final class ClusterPlant implements AutoCloseable {

    /** Readings a second one MQTT client carries. */
    static final int READINGS_PER_CLIENT = 10;

    private final LabelWriter labels;
    private final Simulation simulation;
    private final PublishStats stats;

    private ClusterPlant(final LabelWriter labels, final Simulation simulation, final PublishStats stats) {
        this.labels = labels;
        this.simulation = simulation;
        this.stats = stats;
    }

    /**
     * Connects to the cluster's MQTT nodes (each client starts on one of them by turns) as the
     * platform's simulator account and starts publishing; fault labels go to {@code labelsFile}.
     *
     * @param machines      machines, {@code MACHINE_001} on
     * @param interval      the time between two readings of one machine
     * @param faultsPerHour random fault episodes (1 to 3 min) per machine and hour
     * @param acknowledged  told of every reading a node acknowledged, on the MQTT client's thread
     */
    public static ClusterPlant start(final PlatformCluster cluster, final int machines, final Duration interval,
                                     final double faultsPerHour, final long seed, final Path labelsFile,
                                     final AcknowledgementListener acknowledged) {
        final ClusterPlant plant = create(cluster, machines, interval, faultsPerHour, seed, labelsFile, acknowledged);
        plant.simulation.start();
        return plant;
    }

    /**
     * One client per {@value #READINGS_PER_CLIENT} readings a second, at least one per node: a
     * client has one reading at a time in HiveMQ's hands, each stored with {@code acks=all} on two
     * of three Kafka nodes before the next (a few tens of milliseconds on a busy machine).
     */
    static int clients(final int nodes, final double readingsPerSecond) {
        return (int) Math.max(nodes, Math.min(MqttSettings.MAX_DEFAULT_CLIENTS,
                Math.ceil(readingsPerSecond / READINGS_PER_CLIENT)));
    }

    private static ClusterPlant create(final PlatformCluster cluster, final int machines, final Duration interval,
                                       final double faultsPerHour, final long seed, final Path labelsFile,
                                       final AcknowledgementListener acknowledged) {
        final List<String> mqttUris = cluster.mqttUris();
        final RandomFaults faults = new RandomFaults(faultsPerHour, FaultType.randomTypes(), Duration.ofMinutes(1),
                Duration.ofMinutes(3));
        final PlantConfig plant = new PlantConfig(MachineIds.first(machines), interval, seed,
                new FaultPlan(List.of(), faults, Degradation.NONE), ReadingFormat.DEFAULT);
        final double readingsPerSecond = machines * 1e9 / interval.toNanos();
        final MqttSettings mqtt = MqttSettings.defaults(mqttUris.get(0))
                .withFailover(mqttUris.subList(1, mqttUris.size()))
                .withClientIdPrefix("cluster-plant")
                .withTransport(MqttSettings.Transport.NIO)
                .withClients(clients(mqttUris.size(), readingsPerSecond))
                .withCredentials(PlatformSecurity.SIMULATOR, cluster.secrets().simulatorPassword());
        final LabelWriter labels = LabelWriter.toFile(labelsFile);
        final PublishStats stats = new PublishStats();
        try {
            final MqttPublisher publisher = MqttPublisher.connect(mqtt, stats, acknowledged);
            final Simulation simulation = Simulation.builder()
                    .source(new TelemetryGenerator(plant, labels))
                    .sink(publisher)
                    .build();
            return new ClusterPlant(labels, simulation, stats);
        } catch (MqttException e) {
            labels.close();
            throw new IllegalStateException("the plant cannot connect to " + mqttUris + ": " + e, e);
        } catch (InterruptedException e) {
            labels.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the plant connected", e);
        }
    }

    public PublishStats stats() {
        return stats;
    }

    /** Stops publishing and waits (up to the publisher's drain time) for outstanding acknowledgements. */
    @Override
    public void close() {
        simulation.stop();
        labels.close();
    }
}
