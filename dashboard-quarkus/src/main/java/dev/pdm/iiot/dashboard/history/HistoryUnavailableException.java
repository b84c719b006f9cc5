package dev.pdm.iiot.dashboard.history;

/** The history database cannot be reached: answered 503 with a Retry-After. */
public class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
