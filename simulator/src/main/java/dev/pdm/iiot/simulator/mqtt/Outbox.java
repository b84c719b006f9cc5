package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's readings on their way to the broker, kept in order, and sent again when the broker
 * refuses them ({@link PubackOutcome#RESEND}).
 *
 * <pre>
 * publish ─▶ nothing waiting? ─yes─▶ window ─▶ transport ─▶ PUBACK accepted / rejected / given up
 *               │ no                    ▲                        │ refused
 *               ▼                       │                        ▼
 *            waiting, oldest first ─────┘ after the back-off: one probe; once it is accepted, all in order
 * </pre>
 *
 * <p><b>Order.</b> Every reading gets a number when it is published; waiting readings leave oldest
 * first, a refused one with its old number, so it goes before everything published after it. From
 * the moment a refusal arrives nothing new of this client is sent until every waiting reading has
 * been. The readings that overtake a refused one are those already in flight when its refusal
 * arrived and then accepted: at most the in-flight window, within one PUBACK round trip. While the
 * broker refuses everything (Kafka down) they are refused too, and the order is kept exactly.
 *
 * <p><b>Probing.</b> After a refusal, once the {@link ResendBackoff} has passed, the oldest waiting
 * reading goes alone; the rest follow, through the full window, once the broker accepts one. A
 * broker that still refuses gets one reading per round, not a window of them.
 *
 * <p><b>Connection loss.</b> A reading whose attempt ended with the connection (no PUBACK came) is
 * queued again with its old number and sent again after the reconnect, before anything published
 * after it, whether the node the client lands on has its session or not: a new node (failover to
 * another broker, or one that lost its sessions) knows nothing of it, and the transport's own resend,
 * if any, reports no PUBACK. The broker may then get it twice; downstream, {@code seq} tells.
 *
 * <p><b>Acknowledgements.</b> Every reading a PUBACK accepted is reported once to the
 * {@link AcknowledgementListener}, on the thread that delivered the PUBACK.
 *
 * <p>{@link #publish} is called from one thread; outcomes arrive on the transport's threads; the
 * waiting readings are sent from the timer, whose tasks here never block.
 */
final class Outbox {

    /** The connection the readings go out on. */
    interface Transport {
        boolean isConnected();

        /** Sends one attempt; its outcome comes back through {@link #completed} or {@link #lost}. */
        void send(Attempt attempt) throws MqttException;
    }

    /** One reading of this client: {@code order} is its place in the client's sequence. */
    record Reading(String topic, byte[] payload, long order, long firstNanos) {
    }

    /** One sending of a reading; completed once, whatever the transport reports. */
    static final class Attempt {
        final Reading reading;
        final long sentNanos;
        final long round;
        final boolean holdsPermit;
        final boolean probe;
        private final AtomicBoolean completed = new AtomicBoolean();

        Attempt(final Reading reading, final long sentNanos, final long round, final boolean holdsPermit,
                final boolean probe) {
            this.reading = reading;
            this.sentNanos = sentNanos;
            this.round = round;
            this.holdsPermit = holdsPermit;
            this.probe = probe;
        }

        private boolean complete() {
            return completed.compareAndSet(false, true);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    static final String QUEUE_FULL = "the client's queue of readings to send again is full (--buffer-size)";
    static final String CLOSED = "not accepted by the broker before the publisher closed";
    /** Readings one timer task sends at most before it yields to the other clients' tasks. */
    private static final int DRAIN_BATCH = 256;
    private static final long TRANSIENT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long REFUSALS_LOGGED_AFTER_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long NOT_REFUSING = Long.MIN_VALUE;

    private final Transport transport;
    private final PublishStats stats;
    private final AcknowledgementListener listener;
    private final AtomicBoolean listenerFailed = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final Semaphore window;
    private final int capacity;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong lastRefusalWarning = new AtomicLong(System.nanoTime() - REFUSALS_LOGGED_AFTER_NANOS);
    private volatile long refusingSince = NOT_REFUSING;
    private final Object lock = new Object();
    private final PriorityQueue<Reading> waiting = new PriorityQueue<>(Comparator.comparingLong(Reading::order));
    private final ResendBackoff backoff;
    private boolean probing;
    private boolean probeInFlight;
    private boolean drainPending;
    private boolean closed;
    private long nextOrder;

    /**
     * @param window   QoS 1 messages in flight at most while connected
     * @param capacity readings that may wait at most; a new reading beyond it fails
     */
    Outbox(final Transport transport, final PublishStats stats, final ScheduledExecutorService timer, final int window,
           final int capacity, final ResendBackoff backoff) {
        this(transport, stats, AcknowledgementListener.NONE, timer, window, capacity, backoff);
    }

    /**
     * @param listener hears of every accepted reading, once
     * @param window   QoS 1 messages in flight at most while connected
     * @param capacity readings that may wait at most; a new reading beyond it fails
     */
    Outbox(final Transport transport, final PublishStats stats, final AcknowledgementListener listener,
           final ScheduledExecutorService timer, final int window, final int capacity, final ResendBackoff backoff) {
        this.transport = transport;
        this.stats = stats;
        this.listener = listener;
        this.timer = timer;
        this.window = new Semaphore(window);
        this.capacity = capacity;
        this.backoff = backoff;
    }

    /**
     * Sends a reading, or queues it behind readings that wait to be sent again. Blocks while the
     * in-flight window is full (a PUBACK frees it), never on a client library that refuses to send.
     */
    void publish(final String topic, final byte[] payload) throws InterruptedException {
        final Reading reading = new Reading(topic, payload, nextOrder++, System.nanoTime());
        stats.published(!transport.isConnected());
        outstanding.incrementAndGet();
        final long round;
        synchronized (lock) {
            if (drainPending || probing || !waiting.isEmpty()) {
                if (waiting.size() >= capacity) {
                    giveUp(QUEUE_FULL, null);
                } else {
                    waiting.add(reading);
                    scheduleDrain();
                }
                return;
            }
            round = backoff.round();
        }
        sendNow(reading, round);
    }

    /**
     * Sends a reading at once. A refusal that may pass (the client library's window is full, the
     * connection is being re-established) queues it, in its place, for the timer to try again: the
     * thread that publishes for every machine never waits on one client that cannot send.
     */
    private void sendNow(final Reading reading, final long round) throws InterruptedException {
        final boolean connected = transport.isConnected();
        if (connected) {
            try {
                window.acquire();
            } catch (InterruptedException e) {
                giveUp("stopped while waiting to send", null);
                throw e;
            }
        }
        final Attempt attempt = new Attempt(reading, System.nanoTime(), round, connected, false);
        try {
            transport.send(attempt);
            sendWentThrough();
        } catch (RuntimeException e) {
            if (connected) {
                window.release();
            }
            giveUp(String.valueOf(e), e);
        } catch (MqttException e) {
            if (connected) {
                window.release();
            }
            if (!PublisherClient.isTransient(e)) {
                giveUp(PublisherClient.reason(e), e);
                return;
            }
            refusedByClient(e);
            synchronized (lock) {
                if (closed) {
                    giveUp(CLOSED, null);
                    return;
                }
                waiting.add(reading);
                scheduleDrain(TRANSIENT_RETRY_NANOS);
            }
        }
    }

    /** The broker answered an attempt with a PUBACK. */
    void completed(final Attempt attempt, final int reasonCode, final String reasonString) {
        if (!attempt.complete()) {
            return;
        }
        if (attempt.holdsPermit) {
            window.release();
        }
        final long now = System.nanoTime();
        final PubackOutcome outcome = PubackOutcome.of(reasonCode);
        switch (outcome) {
            case ACCEPTED -> {
                stats.acked(now - attempt.reading.firstNanos);
                report(attempt.reading);
            }
            case RESEND -> stats.refused(reasonCode, reasonString);
            case REJECTED -> stats.rejected(reasonCode, reasonString);
            case GIVE_UP -> stats.failed("the broker refused the reading: " + PubackOutcome.describe(reasonCode)
                    + (reasonString == null ? "" : " \"" + reasonString + "\""), null);
        }
        if (outcome != PubackOutcome.RESEND) {
            outstanding.decrementAndGet();
        }
        synchronized (lock) {
            if (attempt.probe) {
                probeInFlight = false;
            }
            if (outcome == PubackOutcome.RESEND && closed) {
                giveUp(CLOSED, null);
            } else if (outcome == PubackOutcome.RESEND) {
                waiting.add(attempt.reading);
                if (backoff.refused(attempt.round, now)) {
                    probing = true;
                    LOG.debug("refused ({} waiting): sending the oldest again in {} ms", waiting.size(),
                            (backoff.readyAtNanos() - now) / 1_000_000);
                }
            } else if (outcome != PubackOutcome.GIVE_UP) {
                // the broker and what is behind it answer: accepted, or stored as a dead letter
                backoff.accepted();
                if (attempt.probe) {
                    probing = false;
                }
            }
            if (!waiting.isEmpty()) {
                scheduleDrain();
            }
        }
    }

    /**
     * The attempt ended without a PUBACK. One cut off by a connection loss is queued again, in its
     * place, and sent again after the reconnect; any other ends as failed.
     */
    void lost(final Attempt attempt, final Throwable cause) {
        if (!attempt.complete()) {
            return;
        }
        if (attempt.holdsPermit) {
            window.release();
        }
        final boolean again = cause instanceof MqttException e && PublisherClient.isLostInFlight(e);
        if (!again) {
            stats.failed(cause instanceof MqttException e ? PublisherClient.reason(e) : String.valueOf(cause), cause);
            outstanding.decrementAndGet();
        }
        synchronized (lock) {
            if (attempt.probe) {
                probeInFlight = false;
            }
            if (again && closed) {
                giveUp(CLOSED, null);
            } else if (again) {
                waiting.add(attempt.reading);
            }
            if (!waiting.isEmpty()) {
                // the client library fails every reading in flight at a connection loss, one after the
                // other: the drain waits for the rest, so that they leave again in their order
                scheduleDrain(again ? TRANSIENT_RETRY_NANOS : 0);
            }
        }
    }

    /**
     * The client library refused a send that may pass later. Refusals that go on for longer than
     * {@link #REFUSALS_LOGGED_AFTER_NANOS} while the client is connected mean the library's own
     * accounting is stuck: they are logged, at most once per that interval, with the library's reason.
     */
    private void refusedByClient(final MqttException e) {
        final long now = System.nanoTime();
        final long since = refusingSince;
        if (since == NOT_REFUSING) {
            refusingSince = now;
            return;
        }
        final long last = lastRefusalWarning.get();
        if (now - since >= REFUSALS_LOGGED_AFTER_NANOS && now - last >= REFUSALS_LOGGED_AFTER_NANOS
                && transport.isConnected() && lastRefusalWarning.compareAndSet(last, now)) {
            LOG.warn("the MQTT client has refused to send for {} s while connected ({}); {} readings wait",
                    (now - since) / 1_000_000_000L, PublisherClient.reason(e), waiting());
        }
    }

    /** A send went through: the client library is not stuck. */
    private void sendWentThrough() {
        if (refusingSince != NOT_REFUSING) {
            refusingSince = NOT_REFUSING;
        }
    }

    private void report(final Reading reading) {
        try {
            listener.acknowledged(reading.topic(), reading.payload());
        } catch (RuntimeException e) {
            if (listenerFailed.compareAndSet(false, true)) {
                LOG.warn("the acknowledgement listener failed (logged once)", e);
            }
        }
    }

    /** Readings published and neither acknowledged, rejected nor failed yet (waiting ones, and those to send again after a reconnect, too). */
    int outstanding() {
        return outstanding.get();
    }

    /** Readings waiting to be sent (again). */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** Stops sending; the readings still waiting fail. @return how many */
    int close() {
        final List<Reading> left;
        synchronized (lock) {
            closed = true;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        left.forEach(r -> giveUp(CLOSED, null));
        return left.size();
    }

    private void giveUp(final String reason, final Throwable cause) {
        stats.failed(reason, cause);
        outstanding.decrementAndGet();
    }

    /** Under the lock: makes sure a timer task will send what waits. */
    private void scheduleDrain() {
        scheduleDrain(0);
    }

    /** Under the lock: makes sure a timer task will send what waits, in {@code delayNanos} at the earliest. */
    private void scheduleDrain(final long delayNanos) {
        if (drainPending || closed) {
            return;
        }
        drainPending = true;
        final long now = System.nanoTime();
        schedule(Math.max(delayNanos, backoff.waiting(now) ? backoff.readyAtNanos() - now : 0));
    }

    /** Under the lock, with {@code drainPending} set. */
    private void schedule(final long delayNanos) {
        try {
            timer.schedule(this::drain, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            drainPending = false;   // the publisher is closing
        }
    }

    /** On the timer: sends waiting readings; whatever goes wrong, the queue is not left without a drain. */
    private void drain() {
        try {
            sendWaiting();
        } catch (RuntimeException e) {
            LOG.warn("sending the readings that wait failed; trying again", e);
            synchronized (lock) {
                schedule(TRANSIENT_RETRY_NANOS);
            }
        }
    }

    /** Sends waiting readings, oldest first, as far as the back-off, probe and window let it. */
    private void sendWaiting() {
        int sent = 0;
        while (true) {
            final Attempt attempt;
            synchronized (lock) {
                final long now = System.nanoTime();
                final Reading next = waiting.peek();
                if (closed || next == null || probing && probeInFlight) {
                    drainPending = false;   // an outcome schedules the next drain
                    return;
                }
                if (backoff.waiting(now)) {
                    schedule(backoff.readyAtNanos() - now);
                    return;
                }
                if (sent >= DRAIN_BATCH) {
                    schedule(0);
                    return;
                }
                final boolean connected = transport.isConnected();
                if (connected && !window.tryAcquire()) {
                    drainPending = false;   // the next outcome releases a permit and schedules the drain
                    return;
                }
                waiting.poll();
                attempt = new Attempt(next, now, backoff.round(), connected, probing);
                probeInFlight = probing;
                if (probing) {
                    LOG.debug("probing with reading {} ({} more waiting)", next.order(), waiting.size());
                }
            }
            try {
                transport.send(attempt);
                sendWentThrough();
                sent++;
            } catch (RuntimeException e) {
                if (attempt.holdsPermit) {
                    window.release();
                }
                synchronized (lock) {
                    probeInFlight = false;
                }
                giveUp(String.valueOf(e), e);
            } catch (MqttException e) {
                if (attempt.holdsPermit) {
                    window.release();
                }
                if (PublisherClient.isTransient(e)) {
                    refusedByClient(e);
                }
                synchronized (lock) {
                    probeInFlight = false;
                    if (PublisherClient.isTransient(e)) {
                        waiting.add(attempt.reading);
                        schedule(TRANSIENT_RETRY_NANOS);
                        return;
                    }
                }
                giveUp(PublisherClient.reason(e), e);
            }
        }
    }
}
