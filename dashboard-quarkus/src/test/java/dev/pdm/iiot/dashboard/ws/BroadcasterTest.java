package dev.pdm.iiot.dashboard.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdm.iiot.dashboard.stats.FanOutMetrics;
import dev.pdm.iiot.dashboard.stats.PlantStatistics;
import dev.pdm.iiot.dashboard.view.PlantView;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.events.model.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pdm.iiot.dashboard.Fixtures.T0;
import static dev.pdm.iiot.dashboard.Fixtures.alert;
import static dev.pdm.iiot.dashboard.Fixtures.normal;
import static dev.pdm.iiot.dashboard.Fixtures.training;
import static org.assertj.core.api.Assertions.assertThat;

class BroadcasterTest {

    private static final long TICK = 250_000_000L;

    private final PlantView view = new PlantView(10);
    private final FanOutMetrics metrics = new FanOutMetrics();
    private final AtomicInteger statsComputed = new AtomicInteger();
    private Broadcaster broadcaster;
    private long now = 1_000_000_000L;

    @BeforeEach
    void setUp() {
        broadcaster = new Broadcaster(view::snapshot, this::stats, metrics, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 3);
        view.addListener(broadcaster::changed);
    }

    private PlantStatistics stats() {
        statsComputed.incrementAndGet();
        return new PlantStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, null, null,
                metrics.snapshot(), PlantStatistics.Heap.now(), Instant.EPOCH, Map.of(), Map.of());
    }

    private void tick() {
        now += TICK;
        broadcaster.tick(now);
    }

    @Test
    void aNewClientGetsASnapshotFirstThenTheChangesAfterIt() {
        view.applyStatus("M1", training("M1", 1), T0);
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);

        tick();
        view.applyStatus("M2", training("M2", 5), T0);
        tick();

        final JsonNode snapshot = client.message(0);
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertThat(snapshot.get("machines")).hasSize(1);
        assertThat(snapshot.get("machines").get(0).get("machine_id").asText()).isEqualTo("M1");
        assertThat(snapshot.get("statistics")).isNotNull();
        final JsonNode batch = client.message(1);
        assertThat(batch.get("type").asText()).isEqualTo("batch");
        assertThat(batch.get("machines")).hasSize(1);
        assertThat(batch.get("machines").get(0).get("machine_id").asText()).isEqualTo("M2");
        assertThat(batch.get("machines").get(0).get("v").asLong())
                .isGreaterThan(snapshot.get("machines").get(0).get("v").asLong());
    }

    @Test
    void changesBeforeTheSnapshotAreNotSentAgain() {
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);
        view.applyStatus("M1", training("M1", 1), T0);

        tick();
        tick();

        assertThat(client.sent).hasSize(1);
        assertThat(client.message(0).get("machines")).hasSize(1);
    }

    @Test
    void changesWithinATickAreCoalescedPerMachine() {
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);
        tick();

        for (int i = 0; i < 10; i++) {
            view.applyStatus("M1", normal("M1", 40 + i, 60 + i), T0.plusSeconds(i));
        }
        view.applyStatus("M2", normal("M2", 40, 50), T0);
        tick();

        final JsonNode batch = client.last();
        assertThat(batch.get("machines")).hasSize(2);
        assertThat(batch.get("machines").findValues("last_reading")).extracting(r -> r.get("temperature").asDouble())
                .containsExactlyInAnyOrder(69.0, 50.0);
        assertThat(batch.has("readings")).as("a reading is sent once, in its machine's status").isFalse();
    }

    @Test
    void readyClientsShareOneMessagePerTick() {
        final FakeOutbound a = new FakeOutbound("a", true);
        final FakeOutbound b = new FakeOutbound("b", true);
        broadcaster.open(a);
        broadcaster.open(b);
        tick();

        view.applyStatus("M1", training("M1", 2), T0);
        tick();

        assertThat(a.sent).hasSize(2);
        assertThat(b.sent.get(1)).isSameAs(a.sent.get(1));
    }

    @Test
    void aSlowClientGetsTheLatestValueOfEachMachineNotAQueue() {
        final FakeOutbound slow = new FakeOutbound("slow", false);
        broadcaster.open(slow);
        tick();
        slow.completeAll();
        tick();
        final int before = slow.sent.size();

        view.applyStatus("M1", normal("M1", 40, 60), T0);
        tick();
        for (int i = 1; i <= 12; i++) {
            view.applyStatus("M1", normal("M1", 40 + i, 60 + i), T0.plusSeconds(i));
            tick();
        }
        assertThat(slow.sent).hasSize(before + 1);

        slow.completeAll();
        tick();

        assertThat(slow.sent).hasSize(before + 2);
        final JsonNode catchUp = slow.last();
        assertThat(catchUp.get("machines")).hasSize(1);
        assertThat(catchUp.get("machines").get(0).get("status").get("last_reading").get("temperature").asDouble())
                .isEqualTo(72.0);
        assertThat(metrics.snapshot().coalesced()).isEqualTo(11);
        assertThat(slow.closedWith).isNull();
    }

    @Test
    void aClientStalledLongerThanTheTimeoutIsDisconnectedAndCounted() {
        final FakeOutbound stuck = new FakeOutbound("stuck", false);
        final FakeOutbound fine = new FakeOutbound("fine", true);
        broadcaster.open(stuck);
        broadcaster.open(fine);
        tick();

        for (int i = 0; i < 24; i++) {
            view.applyStatus("M1", normal("M1", 40 + i, 60), T0);
            tick();
        }

        assertThat(stuck.closedWith).isEqualTo(Broadcaster.SLOW_CLIENT_CLOSE_CODE);
        assertThat(fine.closedWith).isNull();
        assertThat(broadcaster.clients()).isEqualTo(1);
        assertThat(metrics.snapshot().dropped()).isEqualTo(1);
        assertThat(metrics.snapshot().clients()).isEqualTo(1);
    }

    @Test
    void aClientWhoseBacklogOutgrowsItsBoundIsDisconnected() {
        final FakeOutbound slow = new FakeOutbound("slow", false);
        broadcaster.open(slow);
        tick();
        slow.completeAll();
        view.applyStatus("M0", normal("M0", 40, 60), T0);
        tick();

        for (int m = 1; m <= 4; m++) {
            view.applyStatus("M" + m, normal("M" + m, 40, 60), T0);
        }
        tick();

        assertThat(slow.closedWith).isEqualTo(Broadcaster.SLOW_CLIENT_CLOSE_CODE);
        assertThat(metrics.snapshot().dropped()).isEqualTo(1);
    }

    @Test
    void aFailedSendDropsTheClient() {
        final FakeOutbound broken = new FakeOutbound("broken", false);
        broadcaster.open(broken);
        tick();
        broken.pending.get(0).completeExceptionally(new IllegalStateException("connection reset"));

        tick();

        assertThat(broadcaster.clients()).isZero();
        assertThat(metrics.snapshot().dropped()).isEqualTo(1);
    }

    @Test
    void aClientThatAsksForItGetsAFreshSnapshot() {
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);
        tick();
        view.applyAlert(alert("M1", 1, AlertStatus.ACTIVE_UNACK, Severity.CRITICAL, T0));

        broadcaster.resync("c1");
        tick();

        assertThat(client.last().get("type").asText()).isEqualTo("snapshot");
        assertThat(client.last().get("alerts")).hasSize(1);
    }

    @Test
    void statisticsAreSentAtTheirIntervalEvenWithoutChanges() {
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);
        tick();
        final int before = client.sent.size();

        for (int i = 0; i < 8; i++) {
            tick();
        }

        assertThat(client.sent.size() - before).isEqualTo(2);
        assertThat(client.last().get("statistics")).isNotNull();
        assertThat(client.last().get("machines")).isNull();
    }

    @Test
    void aClosedConnectionIsForgotten() {
        final FakeOutbound client = new FakeOutbound("c1", true);
        broadcaster.open(client);
        tick();
        client.close(1000, "bye");

        tick();

        assertThat(broadcaster.clients()).isZero();
        assertThat(metrics.snapshot().dropped()).isZero();
    }
}
