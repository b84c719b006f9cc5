package dev.pdm.iiot.platform.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one fault cost.
 *
 * @param fault          the fault
 * @param killedAt       when its parts were killed
 * @param scoringResumed from the kill until every partition of the readings scored a reading taken
 *                       after the kill: readings flow again end to end; empty if they did not in time
 * @param restarted      from the restart until the killed parts served again
 * @param caughtUp       from the kill until the alerts were current again: the detectors had scored,
 *                       and every alert sink published, all that was in Kafka once the parts were
 *                       back; empty if not in time, or when the next fault came first (a kill during
 *                       the rebalance this one caused)
 */
public record FaultOutcome(Fault fault, Instant killedAt, Optional<Duration> scoringResumed, Duration restarted,
                           Optional<Duration> caughtUp) {

    /** Whether readings flowed again in time. */
    public boolean survived() {
        return scoringResumed.isPresent();
    }
}
