package dev.pdm.iiot.platform.chaos.audit;

import java.time.Duration;

/** Asks a question again, once a second, until it is answered yes or the patience ends. */
final class Patience {

    /** A question that may need the network to answer. */
    @FunctionalInterface
    interface Question {
        boolean yes() throws Exception;
    }

    private static final long EVERY_MILLIS = 1000;

    private Patience() {
    }

    /** @return whether the answer became yes within {@code patience} */
    static boolean until(final Duration patience, final Question question) throws Exception {
        final long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (question.yes()) {
                return true;
            }
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(EVERY_MILLIS, Math.max(1, left / 1_000_000)));
        }
    }
}
