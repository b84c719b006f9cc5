package dev.pdm.iiot.notifier.support;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The notifier's one clock: the silent period, due escalations, backoff and digest periods all read
 * it. The system's UTC clock unless a test provides another {@link Clock} bean.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
