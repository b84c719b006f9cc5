package dev.pdm.iiot.detector.config;

import dev.pdm.iiot.detector.model.DetectorSettings;
import dev.pdm.iiot.detector.watch.WatchSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The detector's configuration ({@code detector.*}); every setting has the documented default of
 * {@link DetectorSettings#defaults()}. See the module README for the table.
 */
@ConfigMapping(prefix = "detector")
public interface DetectorConfig {

    /** Sensors the model learns, in model order. */
    @WithDefault("temperature,vibration,current,pressure,rpm")
    List<String> features();

    Training training();

    Alerts alerts();

    Contributions contributions();

    Recommendations recommendations();

    Drift drift();

    Learning learning();

    Model model();

    Trend trend();

    Peers peers();

    Stuck stuck();

    Silence silence();

    Dropout dropout();

    /**
     * Operating limits for the time to limit: {@code detector.limits.sensors.<sensor>.high} /
     * {@code .low}, and per peer group {@code detector.limits.groups.<group>.<sensor>.high}. The five
     * physical sensors have documented defaults; a sensor given here replaces its default.
     */
    Limits limits();

    /** An open alert of a watch other than the forest is published again at most this often while only its figures change. */
    @WithName("watch.update-every")
    @WithDefault("10m")
    Duration watchUpdateEvery();

    /** A sequence number that goes backwards counts as a device restart when its reading is this much later. */
    @WithName("dedup.restart-after")
    @WithDefault("5m")
    Duration restartAfter();

    /**
     * A machine's status is published to {@code machine-status} at most once per this interval (its
     * latest); 0 publishes the status of every reading.
     */
    @WithName("status.interval")
    @WithDefault("1s")
    Duration statusInterval();

    /**
     * How long after its minute's end a late reading still counts in the minute aggregate on
     * {@code machine-minute-aggregates} (later ones are left out and counted).
     */
    @WithName("history.grace")
    @WithDefault("2m")
    Duration historyGrace();

    /** How long recent scored readings are kept for {@code GET /machines/{id}/readings}. */
    @WithName("readings.retention")
    @WithDefault("30m")
    Duration readingsRetention();

    /** Host name other instances reach this one's REST API by (with quarkus.http.port: application.server). */
    @WithDefault("localhost")
    String advertisedHost();

    /**
     * This instance's static member id in the consumer group (Kafka's {@code group.instance.id});
     * by default {@code streams-detector-<advertised host>-<HTTP port>}, see application.properties.
     */
    Optional<String> instanceId();

    /** Where the stores live on disk (Kafka Streams' state.dir). */
    @WithDefault("target/detector-state")
    String stateDir();

    /** Standby replicas of every store on other instances (Kafka Streams' num.standby.replicas). */
    @WithDefault("0")
    int standbyReplicas();

    /** Create the platform's topics at start when they are missing. */
    @WithDefault("true")
    boolean createTopics();

    /**
     * How long a stopping instance waits for its streams to commit, close and leave the group; past
     * it the process stops anyway (see {@code LeaveGroupOnShutdown}).
     */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /** Timeout of a query forwarded to another instance. */
    @WithName("query.remote-timeout")
    @WithDefault("5s")
    Duration remoteTimeout();

    interface Training {
        @WithDefault("30")
        int samples();

        @WithDefault("100")
        int trees();

        @WithDefault("256")
        int maxSamples();

        @WithDefault("0")
        int extensionLevel();

        @WithDefault("0.15")
        double contamination();

        @WithDefault("1")
        int window();

        @WithDefault("42")
        long seed();
    }

    interface Alerts {
        @WithDefault("3")
        int raiseAfter();

        @WithDefault("WARNING")
        dev.pdm.iiot.events.model.Severity raiseSeverity();

        @WithDefault("10")
        int clearAfter();

        /** And at least this long since the alert's last anomalous reading. */
        @WithDefault("30s")
        Duration clearQuiet();

        @WithDefault("SENSORS")
        DetectorSettings.SeverityMode severity();

        @WithDefault("0.03")
        double warningMargin();

        @WithDefault("0.08")
        double criticalMargin();

        @WithDefault("4.0")
        double warningZ();

        @WithDefault("6.0")
        double criticalZ();

        @WithDefault("20")
        int keepCleared();

        /** Whether a sensor's distance is judged with the size of the model's training set (Student's t). */
        @WithDefault("true")
        boolean sampleSizeZ();

        /** The level-shift chart: a sustained shift of a sensor's recent mean counts as a WARNING. */
        Shift shift();

        interface Shift {
            /** Spreads of its own beyond which the chart counts a reading; 0 = off. */
            @WithDefault("5.0")
            double z();

            @WithDefault("0.1")
            double smoothing();

            @WithDefault("200")
            int warmup();

            @WithDefault("3600")
            int memory();
        }
    }

    interface Contributions {
        @WithDefault("2.0")
        double minZ();

        @WithDefault("3")
        int max();

        @WithDefault("0.01")
        double minRelativeStd();
    }

    interface Recommendations {
        @WithDefault("true")
        boolean prototypeRules();

        /** Overrides or additions to the default table, e.g. {@code detector.recommendations.actions."temperature.above"=check the fan}. */
        Map<String, String> actions();
    }

    interface Drift {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("500")
        int window();

        @WithDefault("2.5")
        double rateFactor();
    }

    interface Learning {
        /** Time constant of each sensor's baseline; 0 = the forest sees the raw readings. */
        @WithDefault("10m")
        Duration baseline();

        /** Largest deviation of a reading, in the model's deviations, that the baseline follows in full. */
        @WithDefault("1.0")
        double baselineFollow();

        /** A new model each time the clean readings grow by this factor; 0 = never. */
        @WithDefault("2")
        int refreshFactor();

        /** Most readings a training set holds (a uniform sample of all clean readings beyond). */
        @WithDefault("256")
        int trainingSet();

        /** Every how many clean readings one is offered to the training set. */
        @WithDefault("1")
        int sampleEvery();

        /** How far each machine's refresh points are spread, as a share of the readings between two refreshes. */
        @WithDefault("0.5")
        double refreshSpread();
    }

    interface Model {
        @WithDefault("3")
        int keepVersions();

        @WithDefault("10000")
        int cacheSize();
    }

    interface Trend {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30m")
        Duration level();

        @WithDefault("1m")
        Duration sampleEvery();

        @WithDefault("12h")
        Duration reference();

        @WithDefault("7d")
        Duration referenceMemory();

        @WithDefault("4.0")
        double alertZ();

        @WithDefault("2.5")
        double clearZ();

        @WithDefault("15m")
        Duration sustain();

        @WithDefault("0.005")
        double minChange();

        @WithDefault("3h")
        Duration window();

        @WithDefault("24h")
        Duration criticalWithin();

        @WithDefault("true")
        boolean heating();

        @WithDefault("10m")
        Duration thermalLevel();

        @WithDefault("10m")
        Duration thermalLag();

        @WithDefault("0.0025")
        double thermalMinChange();
    }

    interface Peers {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30m")
        Duration level();

        @WithDefault("1m")
        Duration every();

        @WithDefault("10m")
        Duration staleAfter();

        @WithDefault("2")
        int minPeers();

        @WithDefault("4.0")
        double alertZ();

        @WithDefault("3.0")
        double clearZ();

        @WithDefault("15m")
        Duration sustain();

        @WithDefault("0.10")
        double minSpread();

        /** Group name to a regular expression of machine ids, e.g. {@code detector.peers.groups.pumps=PUMP_.*}. */
        Map<String, String> groups();
    }

    interface Stuck {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("20")
        int readings();

        @WithDefault("0.05")
        double band();

        @WithDefault("60")
        int history();

        @WithDefault("0.3")
        double maxRepeatRate();
    }

    interface Silence {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10")
        double factor();

        @WithDefault("30s")
        Duration minSilence();

        @WithDefault("5s")
        Duration checkEvery();

        @WithDefault("10")
        int history();
    }

    interface Dropout {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("20")
        int window();

        @WithDefault("0.2")
        double alertAt();

        @WithDefault("0.05")
        double clearAt();
    }

    interface Limits {
        /** Per sensor. */
        Map<String, Range> sensors();

        /** Per peer group, then per sensor. */
        Map<String, Map<String, Range>> groups();
    }

    interface Range {
        OptionalDouble low();

        OptionalDouble high();
    }

    /** The watches' settings: the documented defaults, overridden by what is configured. */
    default WatchSettings watchSettings() {
        final Trend t = trend();
        final Peers p = peers();
        final Map<String, Pattern> groups = new LinkedHashMap<>();
        p.groups().forEach((name, regex) -> groups.put(name, Pattern.compile(regex)));
        final Map<String, WatchSettings.Limit> common = new LinkedHashMap<>(WatchSettings.Limits.standard().common());
        limits().sensors().forEach((sensor, r) -> common.put(sensor, limit(r)));
        final Map<String, Map<String, WatchSettings.Limit>> byGroup = new LinkedHashMap<>();
        limits().groups().forEach((g, sensors) -> {
            final Map<String, WatchSettings.Limit> m = new LinkedHashMap<>();
            sensors.forEach((sensor, r) -> m.put(sensor, limit(r)));
            byGroup.put(g, m);
        });
        return new WatchSettings(
                new WatchSettings.Trend(t.enabled(), t.level(), t.sampleEvery(), t.reference(), t.referenceMemory(),
                        t.alertZ(), t.clearZ(), t.sustain(), t.minChange(), t.window(), t.criticalWithin(),
                        t.heating(), t.thermalLevel(), t.thermalLag(), t.thermalMinChange()),
                new WatchSettings.Peers(p.enabled(), p.level(), p.every(), p.staleAfter(), p.minPeers(), p.alertZ(),
                        p.clearZ(), p.sustain(), p.minSpread(), groups),
                new WatchSettings.Stuck(stuck().enabled(), stuck().readings(), stuck().band(), stuck().history(),
                        stuck().maxRepeatRate()),
                new WatchSettings.Silence(silence().enabled(), silence().factor(), silence().minSilence(),
                        silence().checkEvery(), silence().history()),
                new WatchSettings.Dropout(dropout().enabled(), dropout().window(), dropout().alertAt(),
                        dropout().clearAt()),
                new WatchSettings.Limits(common, byGroup), watchUpdateEvery());
    }

    private static WatchSettings.Limit limit(final Range r) {
        return new WatchSettings.Limit(r.low().orElse(Double.NaN), r.high().orElse(Double.NaN));
    }

    /** The plain settings the topology takes. */
    default DetectorSettings toSettings() {
        final Training t = training();
        final Alerts a = alerts();
        final Map<String, String> actions = new LinkedHashMap<>(DetectorSettings.Recommendations.defaults().actions());
        actions.putAll(recommendations().actions());
        return new DetectorSettings(features(),
                new DetectorSettings.Training(t.samples(), t.trees(), t.maxSamples(), t.extensionLevel(),
                        t.contamination(), t.window(), t.seed()),
                new DetectorSettings.Alerting(a.raiseAfter(), a.raiseSeverity(), a.clearAfter(), a.clearQuiet(),
                        a.severity(), a.warningMargin(), a.criticalMargin(), a.warningZ(), a.criticalZ(),
                        a.keepCleared(), a.sampleSizeZ(),
                        new DetectorSettings.Shift(a.shift().z(), a.shift().smoothing(), a.shift().warmup(),
                                a.shift().memory())),
                new DetectorSettings.Contributions(contributions().minZ(), contributions().max(),
                        contributions().minRelativeStd()),
                new DetectorSettings.Recommendations(recommendations().prototypeRules(), actions),
                new DetectorSettings.Drift(drift().enabled(), drift().window(), drift().rateFactor()),
                new DetectorSettings.Learning(learning().baseline(), learning().baselineFollow(),
                        learning().refreshFactor(), learning().trainingSet(), learning().sampleEvery(),
                        learning().refreshSpread()),
                restartAfter(), readingsRetention(), model().keepVersions(), model().cacheSize(), watchSettings());
    }

}
