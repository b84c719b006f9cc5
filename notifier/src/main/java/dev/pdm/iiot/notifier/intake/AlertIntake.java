package dev.pdm.iiot.notifier.intake;

import dev.pdm.iiot.events.json.EventJson;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertStatus;
import dev.pdm.iiot.notifier.config.NotifierConfig;
import dev.pdm.iiot.notifier.rules.NotificationRule;
import dev.pdm.iiot.notifier.rules.Recipient;
import dev.pdm.iiot.notifier.rules.RuleBook;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.notifier.store.NotificationKind;
import dev.pdm.iiot.notifier.store.NotificationStore;
import dev.pdm.iiot.notifier.store.NotificationStore.Intended;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Decides what one state of an alert means for each rule it matches, and records it, all in one
 * transaction: a raise (first seen matching, open) is told to the rule's recipients once, or only
 * recorded as SUPPRESSED within the silent period of the machine's previous raise of that type; an
 * unacknowledged CRITICAL raise also schedules its escalation; an ack or clear cancels the
 * escalation; a clear is told as resolved when the rule asks. Updates add nothing: every
 * notification's key (alert, rule, kind, recipient) exists already. Sending is the
 * {@link dev.pdm.iiot.notifier.delivery.Dispatcher}'s.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);

    private final AgroalDataSource dataSource;
    private final NotificationStore store;
    private final RuleBook rules;
    private final NotifierConfig config;
    private final Clock clock;

    public AlertIntake(final AgroalDataSource dataSource, final NotificationStore store, final RuleBook rules,
                       final NotifierConfig config, final Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.rules = rules;
        this.config = config;
        this.clock = clock;
    }

    /** Records what the alert's state asks for; a record read twice records nothing twice. */
    public void accept(final Alert alert) throws SQLException {
        final Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                apply(connection, alert, now);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void apply(final Connection connection, final Alert alert, final Instant now) throws SQLException {
        if (alert.status() != AlertStatus.ACTIVE_UNACK) {
            final int cancelled = store.cancelEscalations(connection, alert.alertId());
            if (cancelled > 0) {
                LOG.info("alert {} is {}: {} escalations cancelled", alert.alertId(), alert.status(), cancelled);
            }
        }
        if (alert.timestamp().isBefore(now.minus(config.maxAlertAge()))) {
            LOG.debug("alert {} of {} is older than {}: nobody is told", alert.alertId(), alert.timestamp(),
                    config.maxAlertAge());
            return;
        }
        final String payload = new String(EventJson.toBytes(alert), StandardCharsets.UTF_8);
        for (final NotificationRule rule : rules.matching(alert)) {
            if (alert.status().isOpen()) {
                raise(connection, rule, alert, payload, now);
            } else if (rule.resolved() && store.toldRaise(connection, rule.name(), alert.alertId())) {
                for (final Recipient recipient : rule.recipients()) {
                    store.record(connection, intended(rule, alert, NotificationKind.RESOLVED, recipient, payload,
                            alert.firstSeen(), DeliveryStatus.PENDING, now), now);
                }
            }
        }
    }

    private void raise(final Connection connection, final NotificationRule rule, final Alert alert,
                       final String payload, final Instant now) throws SQLException {
        if (rule.digest().isPresent()) {
            final Instant period = DigestPeriods.start(now, rule.digest().get());
            if (store.collect(connection, rule.name(), alert.alertId(), period, payload, now)) {
                for (final Recipient recipient : rule.recipients()) {
                    store.record(connection, new Intended(NotificationKeys.digest(rule.name(), period, recipient),
                            rule.name(), NotificationKind.DIGEST, null, null, null, null, recipient.text(), null,
                            period, DeliveryStatus.PENDING, period.plus(rule.digest().get())), now);
                }
            }
            return;
        }
        final Instant raisedAt = alert.firstSeen();
        final boolean silenced = !rule.silentPeriod().isZero() && store.raisedWithin(connection, rule.name(),
                alert.machineId(), alert.type(), alert.alertId(), raisedAt.minus(rule.silentPeriod()), raisedAt);
        final DeliveryStatus status = silenced ? DeliveryStatus.SUPPRESSED : DeliveryStatus.PENDING;
        boolean recorded = false;
        for (final Recipient recipient : rule.recipients()) {
            recorded |= store.record(connection, intended(rule, alert, NotificationKind.RAISED, recipient, payload,
                    raisedAt, status, now), now);
        }
        if (recorded && silenced) {
            LOG.info("alert {} within the silent period of rule {}: recorded, not sent", alert.alertId(), rule.name());
        }
        if (recorded && !silenced && alert.status() == AlertStatus.ACTIVE_UNACK && rule.escalates(alert)) {
            final Instant due = alert.timestamp().plus(rule.escalationAfter().orElseThrow());
            for (final Recipient recipient : rule.escalationRecipients()) {
                store.record(connection, intended(rule, alert, NotificationKind.ESCALATED, recipient, payload,
                        raisedAt, DeliveryStatus.PENDING, due), now);
            }
        }
    }

    private static Intended intended(final NotificationRule rule, final Alert alert, final NotificationKind kind,
                                     final Recipient recipient, final String payload, final Instant eventAt,
                                     final DeliveryStatus status, final Instant due) {
        return new Intended(NotificationKeys.of(alert.alertId(), rule.name(), kind, recipient), rule.name(), kind,
                alert.alertId(), alert.machineId(), alert.type(), alert.peakSeverity().name(), recipient.text(),
                payload, eventAt, status, due);
    }
}
