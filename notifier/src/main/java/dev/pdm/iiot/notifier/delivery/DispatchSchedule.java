package dev.pdm.iiot.notifier.delivery;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The tick ({@code notifier.delivery.tick}) that drives the {@link Dispatcher}; one at a time. */
@ApplicationScoped
public class DispatchSchedule {

    private final Dispatcher dispatcher;

    public DispatchSchedule(final Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(identity = "notifier-dispatch", every = "${notifier.delivery.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatcher.tick();
    }
}
