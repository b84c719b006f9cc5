package dev.pdm.iiot.dashboard.history;

/** A request of the history whose parameters make no sense (a bad time, a range too long, …): answered 400. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(final String message) {
        super(message);
    }
}
