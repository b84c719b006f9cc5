package dev.pdm.iiot.localstack.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * What the main of a {@link NodeProcess} does besides its work: it ends with the process that
 * started it (an orphan would hold its ports and data), writes its ready file once it serves, and
 * stops cleanly on SIGTERM ({@link #run}).
 */
public final class NodeLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);

    private NodeLifecycle() {
    }

    /**
     * Runs a node until SIGTERM (which runs {@code stop}) or the end of the process that started it:
     * {@code start} starts it (a failure exits with 1), then the ready file of {@code args} is written.
     */
    public static void run(final String name, final String[] args, final Runnable start, final Runnable stop)
            throws InterruptedException {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "node-shutdown"));
        endWithParent(name);
        try {
            start.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed to start", name, e);
            System.exit(1);
        }
        ready(readyFile(args), name);
        stopped.await();
    }

    /** Exits this JVM (running its shutdown hooks) when the process that started it ends. */
    public static void endWithParent(final String name) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            LOG.info("{}: the process that started it ended, stopping", name);
            System.exit(0);
        }));
    }

    /** Writes this process's id into {@code readyFile}, when there is one. */
    public static void ready(final Optional<Path> readyFile, final String name) {
        readyFile.ifPresent(file -> {
            try {
                Files.writeString(file, String.valueOf(ProcessHandle.current().pid()));
            } catch (IOException e) {
                LOG.error("{} cannot write its ready file {}", name, file, e);
            }
        });
        LOG.info("{} ready (pid {})", name, ProcessHandle.current().pid());
    }

    /**
     * Adds the {@code K=V} of a {@code --property} option to {@code properties}.
     *
     * @throws IllegalArgumentException when it is not {@code K=V}
     */
    public static void putProperty(final Map<String, String> properties, final String keyValue) {
        final int equals = keyValue.indexOf('=');
        if (equals < 1) {
            throw new IllegalArgumentException("--property needs K=V, got " + keyValue);
        }
        properties.put(keyValue.substring(0, equals), keyValue.substring(equals + 1));
    }

    /** The {@value NodeProcess#READY_FILE_OPTION} of {@code args}, if given. */
    public static Optional<Path> readyFile(final String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (NodeProcess.READY_FILE_OPTION.equals(args[i])) {
                return Optional.of(Path.of(args[i + 1]));
            }
        }
        return Optional.empty();
    }

    /** {@code args} without {@value NodeProcess#READY_FILE_OPTION} and its value. */
    public static List<String> withoutReadyFile(final String[] args) {
        final List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (NodeProcess.READY_FILE_OPTION.equals(args[i]) && i + 1 < args.length) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        return rest;
    }
}
