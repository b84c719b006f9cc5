package dev.pdm.iiot.notifier.delivery;

/** A channel could not deliver; the message says why, without secrets (no webhook path). */
public class DeliveryException extends Exception {

    public DeliveryException(final String message) {
        super(message);
    }

    public DeliveryException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
