package dev.pdm.iiot.hivemq.security.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import dev.pdm.iiot.hivemq.security.auth.Identity;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the security extension decided, in HiveMQ's metric registry (so on HiveMQ's JMX and in whatever
 * reporter the broker runs), every name under {@value #PREFIX}:
 *
 * <ul>
 *   <li>{@code connect.accepted.password}, {@code .certificate}, {@code .anonymous}: clients let in, by how
 *       they authenticated;</li>
 *   <li>{@code connect.refused}: clients refused, and by reason {@code connect.refused.bad-credentials}
 *       (unknown account or wrong password), {@code .not-authorized} (no credentials, no MQTT role, a
 *       certificate of no account) and {@code .busy} (too many password checks waiting);</li>
 *   <li>{@code publish.refused}: publishes (and will messages) to a topic the client may not publish to;</li>
 *   <li>{@code subscribe.refused}: subscriptions to a filter the client may not subscribe to;</li>
 *   <li>{@code auth.pending}: password checks waiting or running now.</li>
 * </ul>
 */
public final class SecurityMetrics {

    public static final String PREFIX = "pdm.security.";

    /** Why a client was refused. */
    public enum Refusal {
        BAD_CREDENTIALS("bad-credentials"), NOT_AUTHORIZED("not-authorized"), BUSY("busy");

        private final String metric;

        Refusal(final String metric) {
            this.metric = metric;
        }
    }

    private final MetricRegistry registry;
    private final Map<Identity.Method, Counter> accepted = new EnumMap<>(Identity.Method.class);
    private final Counter refused;
    private final Map<Refusal, Counter> refusedBy = new EnumMap<>(Refusal.class);
    private final Counter publishRefused;
    private final Counter subscribeRefused;
    private final AtomicInteger pending = new AtomicInteger();

    public SecurityMetrics(final MetricRegistry registry) {
        this.registry = registry;
        for (final Identity.Method method : Identity.Method.values()) {
            accepted.put(method, registry.counter(PREFIX + "connect.accepted." + method.name().toLowerCase(Locale.ROOT)));
        }
        refused = registry.counter(PREFIX + "connect.refused");
        for (final Refusal refusal : Refusal.values()) {
            refusedBy.put(refusal, registry.counter(PREFIX + "connect.refused." + refusal.metric));
        }
        publishRefused = registry.counter(PREFIX + "publish.refused");
        subscribeRefused = registry.counter(PREFIX + "subscribe.refused");
        registry.gauge(PREFIX + "auth.pending", () -> pending::get);
    }

    /** Removes this extension's metrics from the registry (the broker's outlives the extension). */
    public void unregister() {
        registry.removeMatching((name, metric) -> name.startsWith(PREFIX));
    }

    public void accepted(final Identity.Method method) {
        accepted.get(method).inc();
    }

    public void refused(final Refusal refusal) {
        refused.inc();
        refusedBy.get(refusal).inc();
    }

    public void publishRefused() {
        publishRefused.inc();
    }

    public void subscribeRefused() {
        subscribeRefused.inc();
    }

    public void checking() {
        pending.incrementAndGet();
    }

    public void checked() {
        pending.decrementAndGet();
    }

    public long acceptedCount(final Identity.Method method) {
        return accepted.get(method).getCount();
    }

    public long refusedCount() {
        return refused.getCount();
    }

    public long refusedCount(final Refusal refusal) {
        return refusedBy.get(refusal).getCount();
    }

    public long publishRefusedCount() {
        return publishRefused.getCount();
    }

    public long subscribeRefusedCount() {
        return subscribeRefused.getCount();
    }
}
