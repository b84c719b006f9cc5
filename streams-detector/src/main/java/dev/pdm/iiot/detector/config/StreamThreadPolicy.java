package dev.pdm.iiot.detector.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a stream thread's uncaught exception does. A reading the detector fails on never gets here:
 * it goes to the dead-letter topic ({@code PROCESSING_FAILED}). What does get here is the
 * infrastructure failing under a thread (a store, the broker, a fenced producer): the thread is
 * replaced and its tasks resume from their last commit. A thread that keeps dying (more than
 * {@link #MAX_REPLACEMENTS} in {@link #WINDOW}) is a failure a new thread cannot fix, so the client
 * shuts down, its health check goes DOWN, and its partitions move to the other instances while an
 * orchestrator restarts it. Quarkus installs the bean on its {@code KafkaStreams} before starting it.
 */
@ApplicationScoped
public class StreamThreadPolicy implements StreamsUncaughtExceptionHandler {

    static final int MAX_REPLACEMENTS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadPolicy.class);

    private final Deque<Instant> replaced = new ArrayDeque<>();
    private final Clock clock;

    public StreamThreadPolicy() {
        this(Clock.systemUTC());
    }

    StreamThreadPolicy(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(final Throwable exception) {
        final Instant now = clock.instant();
        while (!replaced.isEmpty() && Duration.between(replaced.peekFirst(), now).compareTo(WINDOW) > 0) {
            replaced.removeFirst();
        }
        if (replaced.size() >= MAX_REPLACEMENTS) {
            LOG.error("a stream thread died for the {}th time in {}; shutting this detector's streams down so that"
                    + " its partitions move to other instances", replaced.size() + 1, WINDOW, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replaced.addLast(now);
        LOG.error("a stream thread died; replacing it (its tasks resume from their last commit)", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
