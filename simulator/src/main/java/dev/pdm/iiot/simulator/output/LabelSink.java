package dev.pdm.iiot.simulator.output;

/**
 * Receives fault episodes as they start and end. {@link #close()} records the episodes still
 * running as open (no end).
 */
public interface LabelSink extends AutoCloseable {

    /** Discards every label. */
    LabelSink NONE = new LabelSink() {
        @Override
        public void started(final FaultLabel label) {
        }

        @Override
        public void ended(final FaultLabel label) {
        }

        @Override
        public void close() {
        }
    };

    /** An episode began; {@code label.end()} is null. */
    void started(FaultLabel label);

    /** An episode that {@link #started} is over; {@code label.end()} is set. */
    void ended(FaultLabel label);

    @Override
    void close();
}
