package dev.pdm.iiot.detector.watch;

/**
 * What every watch declares: its id (the key of its section in the machine store), the alert type
 * it raises and the current format of its state.
 *
 * @param <S> the machine's state of this watch
 */
abstract class AbstractWatch<S extends WatchState> implements Watch<S> {

    private final String id;
    private final String alertType;
    private final int version;

    AbstractWatch(final String id, final String alertType, final int version) {
        this.id = id;
        this.alertType = alertType;
        this.version = version;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String alertType() {
        return alertType;
    }

    @Override
    public final int version() {
        return version;
    }
}
