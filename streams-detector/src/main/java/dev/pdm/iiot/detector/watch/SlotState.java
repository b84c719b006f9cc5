package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryWriter;

/**
 * A watch state's common part: its alert slot, written first, and the format it is written in.
 */
abstract class SlotState implements WatchState {

    final AlertSlot slot;
    private final int version;

    SlotState(final AlertSlot slot, final int version) {
        this.slot = slot;
        this.version = version;
    }

    @Override
    public final AlertSlot slot() {
        return slot;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final void write(final BinaryWriter out) {
        slot.write(out);
        writeFields(out);
    }

    /** The state's own fields, after the slot. */
    abstract void writeFields(BinaryWriter out);
}
