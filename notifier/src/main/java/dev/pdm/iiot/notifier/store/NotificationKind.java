package dev.pdm.iiot.notifier.store;

/** Why a notification is sent. */
public enum NotificationKind {
    /** The alert was raised (first seen matching a rule). */
    RAISED,
    /** The alert stayed unacknowledged: told to the escalation recipients. */
    ESCALATED,
    /** The alert cleared (rules with {@code resolved}). */
    RESOLVED,
    /** A digest rule's period ended: every alert it collected in one message. */
    DIGEST
}
