package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;

import java.time.Instant;

/**
 * The part of a watch's state that every watch has: its open alert, the count that numbers the
 * next one, what it last said, and whether a person cleared an alert whose condition still holds
 * (the watch then stays silent until the condition has passed, instead of raising it again at the
 * next reading).
 */
public final class AlertSlot {

    /** The id of the open alert, or null. */
    public String openAlertId;
    /** Alerts raised so far; the next is number {@code seq + 1}. */
    public long seq;
    /** When the open alert was last published. */
    public Instant publishedAt;
    /** What the watch last said. */
    public Verdict.Level level = Verdict.Level.CLEAR;
    /** Cleared by a person while its condition held: no new alert until the condition passes. */
    public boolean suppressed;

    public void write(final BinaryWriter out) {
        out.writeString(openAlertId);
        out.writeLong(seq);
        out.writeInstant(publishedAt);
        out.writeByte(level.ordinal());
        out.writeBoolean(suppressed);
    }

    public static AlertSlot read(final BinaryReader in) {
        final AlertSlot s = new AlertSlot();
        s.openAlertId = in.readString();
        s.seq = in.readLong();
        s.publishedAt = in.readInstant();
        s.level = Verdict.Level.values()[in.readByte()];
        s.suppressed = in.readBoolean();
        return s;
    }
}
