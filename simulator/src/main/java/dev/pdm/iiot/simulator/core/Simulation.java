package dev.pdm.iiot.simulator.core;

import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.simulator.output.ReadingEncoder;
import dev.pdm.iiot.simulator.output.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a {@link ReadingSource} into its {@link ReadingSink}s on one thread: in real time (each
 * reading handed over when it is due, to within a millisecond; behind schedule, it catches up
 * without skipping) or fast
 * (simulated time, as fast as the sinks take readings). It ends when the source is exhausted,
 * when the duration is reached or on {@link #stop()}; then the source records its open episodes
 * and every sink is closed (the MQTT publisher waits for its acknowledgements first).
 *
 * <pre>{@code
 * Simulation sim = Simulation.builder()
 *         .source(new TelemetryGenerator(PlantConfig.prototype(42), LabelSink.NONE))
 *         .sink(publisher)
 *         .duration(Duration.ofMinutes(5))
 *         .build();
 * sim.start();
 * sim.awaitTermination(Duration.ofMinutes(6));
 * }</pre>
 */
public final class Simulation implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * Readings due within this much of now are handed over at once: at plant rates one wake-up
     * serves many readings (about ten per wake-up at 10,000 a second) instead of one each.
     */
    private static final long BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReadingSource source;
    private final List<ReadingSink> sinks;
    private final boolean realTime;
    private final Duration duration;
    private final Instant requestedStart;
    private final SimulationStats stats = new SimulationStats();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile Throwable failure;
    private volatile Instant runStart;
    private volatile long runStartNanos;
    private Thread thread;

    private Simulation(final Builder b) {
        this.source = Objects.requireNonNull(b.source, "a simulation needs a source");
        this.sinks = List.copyOf(b.sinks);
        this.realTime = b.realTime;
        this.duration = b.duration;
        this.requestedStart = b.start;
        if (!realTime && duration == null && !source.endsByItself()) {
            throw new IllegalArgumentException("a fast run of an endless source needs a duration");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the run on its own thread. */
    public synchronized Simulation start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        runStart = (requestedStart != null ? requestedStart : Instant.now()).truncatedTo(ChronoUnit.MILLIS);
        runStartNanos = System.nanoTime();
        thread = new Thread(this::run, "simulation");
        thread.start();
        return this;
    }

    /** Asks the run to end and waits until its sinks are closed. Safe to call more than once, and from a shutdown hook. */
    public void stop() {
        stopRequested = true;
        final Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            done.countDown();
            return;
        }
        t.interrupt();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the run to end by itself; true when it did within the timeout. */
    public boolean awaitTermination(final Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Why the run failed, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public SimulationStats stats() {
        return stats;
    }

    /** The instant of offset zero, once started. */
    public Instant runStart() {
        return runStart;
    }

    @Override
    public void close() {
        stop();
    }

    private void run() {
        final long limit = duration == null ? Long.MAX_VALUE : duration.toNanos();
        LOG.info("simulation of {} machines starting at {} ({}{})", source.machineCount(), runStart,
                realTime ? "real time" : "fast, simulated time",
                duration == null ? "" : ", for " + Durations.format(duration));
        try {
            source.start(runStart);
            // A reading is stamped runStart + its offset and published then: offset zero is the instant runStart
            // was read, not the end of the source's preparation (a large plant takes a while to draw), which would
            // otherwise make every reading look that much older than it is. A requested start is the caller's.
            final long startNanos = requestedStart == null ? runStartNanos : System.nanoTime();
            while (!stopRequested) {
                final long offset = source.nextOffsetNanos();
                if (offset == ReadingSource.END || offset >= limit) {
                    break;
                }
                long lag = 0;
                if (realTime) {
                    lag = awaitDue(startNanos + offset);
                    if (stopRequested) {
                        break;
                    }
                }
                final TelemetryReading reading = source.next();
                final byte[] json = ReadingEncoder.encode(reading);
                for (final ReadingSink sink : sinks) {
                    sink.accept(reading, json);
                }
                stats.recordReading(offset, lag);
            }
        } catch (InterruptedException e) {
            LOG.debug("simulation interrupted");
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("simulation failed", e);
        } finally {
            stats.recordEnd();
            Thread.interrupted();
            finish();
        }
    }

    /** Parks until the due time (or less than {@link #BATCH_NANOS} before it); returns how late it is then. */
    private long awaitDue(final long due) throws InterruptedException {
        long now = System.nanoTime();
        while (due - now > BATCH_NANOS && !stopRequested) {
            LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            now = System.nanoTime();
        }
        return Math.max(0, now - due);
    }

    private void finish() {
        final List<Throwable> errors = new ArrayList<>();
        try {
            source.finish();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        for (final ReadingSink sink : sinks) {
            try {
                sink.close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        for (final Throwable e : errors) {
            LOG.error("closing the simulation failed", e);
            if (failure == null) {
                failure = e;
            }
        }
        LOG.info("simulation over: {} readings", stats.readings());
        done.countDown();
    }

    public static final class Builder {
        private ReadingSource source;
        private final List<ReadingSink> sinks = new ArrayList<>();
        private boolean realTime = true;
        private Duration duration;
        private Instant start;

        private Builder() {
        }

        public Builder source(final ReadingSource readingSource) {
            this.source = readingSource;
            return this;
        }

        /** Adds a sink; readings go to every sink, in the order they were added. */
        public Builder sink(final ReadingSink sink) {
            this.sinks.add(Objects.requireNonNull(sink, "sink"));
            return this;
        }

        /** Real time (the default) or fast: simulated time, as fast as the sinks take readings. */
        public Builder realTime(final boolean value) {
            this.realTime = value;
            return this;
        }

        /** How much simulated time to run; null (the default) until the source ends or {@link #stop()}. */
        public Builder duration(final Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("the duration must be positive");
            }
            this.duration = value;
            return this;
        }

        /** The instant of offset zero; default now. Give it to reproduce a fast run byte for byte. */
        public Builder start(final Instant value) {
            this.start = value;
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
