package dev.pdm.iiot.simulator.mqtt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The two threads every {@link NioClient} of a publisher shares, however many connections it has:
 * <ul>
 *   <li>the I/O thread: one selector over all sockets, reading the broker's PUBACKs and PINGRESPs and
 *       writing what a socket could not take at once;</li>
 *   <li>the timer: keep-alive pings, reconnects and the {@link Outbox}es' resends; its tasks are
 *       short, except a reconnect's connect, which blocks it for up to the connect timeout.</li>
 * </ul>
 * Both are daemons. A device fleet of hundreds of connections thus costs two threads, where Paho
 * needs three per connection.
 */
final class NioThreads implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NioThreads.class);

    private final Selector selector;
    private final Thread io;
    private final ScheduledThreadPoolExecutor timer;
    private final Queue<Runnable> onIoThread = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    NioThreads(final String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        io = new Thread(this::loop, name + "-nio-io");
        io.setDaemon(true);
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            final Thread t = new Thread(r, name + "-nio-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        io.start();
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    /** Registers a connected socket for reads; the client hears of its events on the I/O thread. */
    void register(final SocketChannel channel, final NioClient client, final java.util.function.Consumer<SelectionKey> registered) {
        runOnIoThread(() -> {
            try {
                registered.accept(channel.register(selector, SelectionKey.OP_READ, client));
            } catch (ClosedChannelException e) {
                client.connectionLost(e);
            }
        });
    }

    /** Runs a task on the I/O thread, soon. */
    void runOnIoThread(final Runnable task) {
        onIoThread.add(task);
        selector.wakeup();
    }

    private void loop() {
        while (running) {
            try {
                selector.select(1_000);
                Runnable task;
                while ((task = onIoThread.poll()) != null) {
                    task.run();
                }
                for (final SelectionKey key : selector.selectedKeys()) {
                    final NioClient client = (NioClient) key.attachment();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isReadable()) {
                        client.readable();
                    }
                    if (key.isValid() && key.isWritable()) {
                        client.writable();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (running) {
                    LOG.warn("the publisher's I/O loop failed; it goes on", e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        selector.wakeup();
        try {
            io.join(TimeUnit.SECONDS.toMillis(5));
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing the selector failed: {}", e.toString());
        }
    }
}
