package dev.pdm.iiot.detector.bench;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;

/**
 * Logging of a benchmark's JVM, as the packaged application has it. Outside a started Quarkus
 * application the test class path's JBoss LogManager is initialised by Quarkus' bootstrap
 * configurator, which enables every level and only buffers the records: every TRACE statement of
 * the broker and the clients would be formatted and thrown away, which costs real time. This sets
 * the levels (INFO, brokers and clients at WARN) and sends the records to the console.
 */
final class BenchLogging {

    private static final Map<String, Level> LEVELS = Map.of(
            "", Level.INFO,
            "org.apache.kafka", Level.WARNING,
            "org.apache.kafka.streams.KafkaStreams", Level.INFO,
            "kafka", Level.WARNING,
            "state.change.logger", Level.WARNING,
            "com.hivemq", Level.WARNING,
            "org.apache.zookeeper", Level.WARNING);

    private BenchLogging() {
    }

    static void configure() {
        final LogContext context = LogContext.getLogContext();
        LEVELS.forEach((category, level) -> context.getLogger(category).setLevel(level));
        final ConsoleHandler console = new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c{1.}] %s%e%n"));
        InitialConfigurator.DELAYED_HANDLER.setHandlers(new Handler[]{console});
    }
}
