package dev.pdm.iiot.notifier.store;

/** Where a recorded notification is. */
public enum DeliveryStatus {
    /** To be sent at {@code next_attempt_at} (the first attempt, a retry, or a due escalation). */
    PENDING,
    /** Claimed by an instance that is sending it; claimed again when its lease runs out. */
    SENDING,
    /** Accepted by the mail server or the webhook (2xx). */
    SENT,
    /** Given up after the last attempt; {@code last_error} says why. */
    FAILED,
    /** An escalation made needless: the alert was acknowledged or cleared in time. */
    CANCELLED,
    /** A raise within the silent period of an earlier one: recorded, not sent. */
    SUPPRESSED
}
