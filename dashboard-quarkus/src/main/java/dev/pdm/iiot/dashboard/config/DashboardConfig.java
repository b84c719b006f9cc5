package dev.pdm.iiot.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's settings ({@code dashboard.*}); Kafka itself is configured by
 * {@code kafka.bootstrap.servers} and the {@code mp.messaging.*} channels in
 * {@code application.properties}. Every default is documented in the module's README.
 */
@ConfigMapping(prefix = "dashboard")
public interface DashboardConfig {

    Detector detector();

    Ws ws();

    Alerts alerts();

    Statistics statistics();

    History history();

    /**
     * The detector's REST API, for what only it has: recent readings, validated ack and clear. The
     * dashboard signs in to it with a service account of the role {@code delegate} and names its own
     * signed-in user in each command.
     */
    interface Detector {
        /**
         * Base URL of the detector's REST API; several, comma-separated, for the instances of one
         * detector application (each answers for every machine): the next is asked when one does
         * not answer.
         */
        @WithDefault("http://localhost:8081")
        List<URI> url();

        /** Each instance's readiness, on its management interface (no credentials), in the order of {@link #url()}. */
        @WithDefault("http://localhost:9001/q/health/ready")
        List<URI> healthUrl();

        /** The dashboard's service account at the detector (roles delegate and operator). */
        Optional<String> username();

        /** Its password: from the environment or a system property, never logged. */
        Optional<String> password();

        /** Timeout of one call, connection included. */
        @WithDefault("PT2S")
        Duration timeout();

        /** How often its readiness is checked. */
        @WithDefault("PT5S")
        Duration healthInterval();

        /** Readings of history asked for a machine's charts. */
        @WithDefault("120")
        int historyReadings();
    }

    /** The WebSocket fan-out. */
    interface Ws {
        /** Changes are coalesced per machine and alert and sent once per tick. */
        @WithDefault("PT0.25S")
        Duration tick();

        /** How often statistics are sent. */
        @WithDefault("PT1S")
        Duration statsInterval();

        /** A client whose previous message is still unsent after this long is disconnected. */
        @WithDefault("PT15S")
        Duration stallTimeout();

        /** A client whose coalesced backlog holds more entries than this is disconnected. */
        @WithDefault("50000")
        int maxBacklog();
    }

    /** The dashboard's view of alerts. */
    interface Alerts {
        /** Cleared alerts kept beside the open ones (the most recent). */
        @WithDefault("200")
        int retainedCleared();

        /** Alerts returned by {@code GET /api/alerts} (the prototype's last 20). */
        @WithDefault("20")
        int recent();
    }

    /** The statistics panel. */
    interface Statistics {
        /** A machine is active when it sent a record within this window. */
        @WithDefault("PT60S")
        Duration activeWindow();

        /** The window over which readings per second are averaged. */
        @WithDefault("PT10S")
        Duration rateWindow();
    }

    /**
     * Reading the history database (the data source is {@code quarkus.datasource.*}): how a chart's
     * range is turned into points, and what one answer may hold.
     */
    interface History {
        /** How long the database keeps minutes (the history module's retention); older ranges are read from hours. */
        @WithDefault("P30D")
        Duration minuteRetention();

        /** The longest range a chart, the alert history or a report may ask for. */
        @WithDefault("P730D")
        Duration maxRange();

        /** Points a chart gets when it names no step: the step is the smallest of the usual ones giving at most this many. */
        @WithDefault("1500")
        int targetPoints();

        /** The most points a chart may ask for with a step of its own. */
        @WithDefault("5000")
        int maxPoints();

        /** The most alerts one answer of the alert history holds (JSON or CSV). */
        @WithDefault("10000")
        int maxAlerts();

        /** Timeout of one query. */
        @WithDefault("PT15S")
        Duration queryTimeout();
    }
}
