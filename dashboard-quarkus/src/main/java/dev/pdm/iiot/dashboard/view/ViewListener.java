package dev.pdm.iiot.dashboard.view;

/** Told of every change of the plant view, in version order per key, after it is applied. */
@FunctionalInterface
public interface ViewListener {

    void changed(ViewEntry entry);
}
