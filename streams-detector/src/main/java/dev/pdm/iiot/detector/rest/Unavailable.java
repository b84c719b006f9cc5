package dev.pdm.iiot.detector.rest;

/** The state cannot be queried right now (a rebalance, a restore, an instance that does not answer): retry soon. */
public final class Unavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public Unavailable(final String message) {
        super(message);
    }

    public Unavailable(final String message, final Throwable cause) {
        super(message, cause);
    }
}
