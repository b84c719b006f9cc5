package dev.pdm.iiot.notifier.delivery;

import dev.pdm.iiot.notifier.config.NotifierConfig;
import dev.pdm.iiot.notifier.rules.ChannelKind;
import dev.pdm.iiot.notifier.rules.NotificationRule;
import dev.pdm.iiot.notifier.rules.Recipient;
import dev.pdm.iiot.notifier.rules.RuleBook;
import dev.pdm.iiot.notifier.store.DeliveryQueue;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.notifier.store.Notification;
import dev.pdm.iiot.notifier.store.NotificationKind;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends what is due, at every tick: claims due notifications (a lease per claim, so that no other
 * instance sends them meanwhile), sends each through its channel and records SENT, or a retry after
 * the backoff, or FAILED after the last attempt. Time is the injected {@link Clock}'s.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryQueue queue;
    private final RuleBook rules;
    private final Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
    private final MessageRenderer renderer;
    private final Backoff backoff;
    private final NotifierConfig.Delivery settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String instance = "notifier-" + UUID.randomUUID();
    private final AtomicLong failed = new AtomicLong();

    public Dispatcher(final DeliveryQueue queue, final RuleBook rules, final Instance<Channel> channels,
                      final NotifierConfig config, final Clock clock, final MeterRegistry meters) {
        this.queue = queue;
        this.rules = rules;
        channels.forEach(channel -> this.channels.put(channel.kind(), channel));
        this.renderer = new MessageRenderer(config.dashboardUrl());
        this.settings = config.delivery();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.maxAttempts());
        this.clock = clock;
        this.meters = meters;
        meters.gauge("notifier.notifications.failed", failed);
    }

    /** One round: everything due now, in batches, until none is left; how many were attempted. */
    public int tick() {
        int attempted = 0;
        try {
            List<Notification> batch;
            do {
                final String token = instance + ':' + UUID.randomUUID();
                final Instant now = clock.instant();
                batch = queue.claim(token, now, now.plus(settings.lease()), settings.batchSize());
                for (final Notification notification : batch) {
                    deliver(notification, token);
                    attempted++;
                }
            } while (batch.size() == settings.batchSize());
            failed.set(queue.count(DeliveryStatus.FAILED));
        } catch (SQLException e) {
            LOG.warn("cannot reach the notification log: {}; trying again at the next tick", e.getMessage());
        }
        return attempted;
    }

    private void deliver(final Notification notification, final String token) throws SQLException {
        final Recipient recipient = Recipient.parse(notification.recipient());
        try {
            channels.get(recipient.channel()).send(recipient, render(notification), notification.id());
            if (!queue.sent(notification.id(), token, clock.instant())) {
                LOG.warn("notification {} was sent after its lease ran out; another instance may send it too",
                        notification.id());
            }
            count(recipient, "sent");
            LOG.info("sent {} of {} ({}) to {}", notification.kind(), subjectOf(notification), notification.rule(),
                    recipient);
        } catch (DeliveryException | RuntimeException e) {
            final int attempts = notification.attempts() + 1;
            final Duration wait = backoff.after(attempts);
            final Instant retryAt = wait == null ? null : clock.instant().plus(wait);
            queue.failed(notification.id(), token, e.getMessage(), retryAt);
            if (retryAt == null) {
                count(recipient, "failed");
                LOG.error("gave up {} of {} to {} after {} attempts: {}", notification.kind(), subjectOf(notification),
                        recipient, attempts, e.getMessage());
            } else {
                count(recipient, "retry");
                LOG.warn("attempt {} of {} of {} to {} failed: {}; next at {}", attempts, notification.kind(),
                        subjectOf(notification), recipient, e.getMessage(), retryAt);
            }
        }
    }

    private Message render(final Notification notification) throws SQLException {
        if (notification.kind() == NotificationKind.DIGEST) {
            final Instant end = rules.rules().stream().filter(rule -> rule.name().equals(notification.rule()))
                    .findFirst().flatMap(NotificationRule::digest).map(notification.eventAt()::plus)
                    .orElse(notification.createdAt());
            return renderer.digest(notification.rule(), notification.eventAt(), end,
                    queue.digestItems(notification.rule(), notification.eventAt()));
        }
        return renderer.alert(notification.kind(), notification.rule(), notification.payload());
    }

    private static String subjectOf(final Notification notification) {
        return notification.alertId() == null ? "the digest of " + notification.eventAt() : notification.alertId();
    }

    private void count(final Recipient recipient, final String outcome) {
        meters.counter("notifier.deliveries", "channel", recipient.channel().prefix(), "outcome", outcome).increment();
    }
}
