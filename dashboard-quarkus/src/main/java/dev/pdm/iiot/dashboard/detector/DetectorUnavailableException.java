package dev.pdm.iiot.dashboard.detector;

/** The detector's REST API did not answer, or answered with an error it could not serve. */
public final class DetectorUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DetectorUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
