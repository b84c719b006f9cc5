package dev.pdm.iiot.dashboard.support;

import java.util.function.Supplier;

/** A value computed on first use, at most once. Thread-safe. */
public final class Lazy<T> implements Supplier<T> {

    private Supplier<T> source;
    private T value;

    public Lazy(final Supplier<T> source) {
        this.source = source;
    }

    @Override
    public synchronized T get() {
        if (source != null) {
            value = source.get();
            source = null;
        }
        return value;
    }
}
