package dev.pdm.iiot.detector.watch;

import dev.pdm.iiot.detector.model.BinaryReader;
import dev.pdm.iiot.detector.model.BinaryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A machine's states of all its watches, as the machine store keeps them: one section per watch,
 * named by the watch's id, with the format version the state was written in. A section is decoded
 * the first time its watch asks for it, so that the store needs no list of watches to read a
 * value, and a section no watch asks for (a watch switched off, or one of a newer detector) is
 * written back as it was read. A section that cannot be read is started afresh, with a warning: one
 * watch's damaged state costs that watch its memory of the machine, not the machine its readings.
 */
public final class WatchStates {

    private static final Logger LOG = LoggerFactory.getLogger(WatchStates.class);

    /**
     * A section not decoded yet: its bytes are {@code length} bytes of {@code value} from {@code offset},
     * in place in the stored value they were read from (which nothing changes once it is stored).
     */
    private record Stored(int version, byte[] value, int offset, int length) {

        BinaryReader reader() {
            return new BinaryReader(value, offset, offset + length);
        }
    }

    /** Per watch id: its {@link WatchState}, or the {@link Stored} section it will be read from. */
    private final Map<String, Object> sections = new LinkedHashMap<>();

    /**
     * The machine's state of a watch: decoded from its section, or the watch's initial state when
     * there is none (a machine it has not seen, or a store written before the watch existed) or the
     * section is in a format newer than this detector reads.
     */
    public <S extends WatchState> S of(final Watch<S> watch) {
        final Object section = sections.get(watch.id());
        if (section instanceof Stored stored) {
            S state;
            if (stored.version() > watch.version()) {
                LOG.warn("state of watch {} is in format {}, newer than this detector's {}; starting it afresh",
                        watch.id(), stored.version(), watch.version());
                state = watch.initial();
            } else {
                try {
                    state = watch.read(stored.reader(), stored.version());
                } catch (RuntimeException e) {
                    LOG.warn("state of watch {} cannot be read ({}); starting it afresh", watch.id(), e.toString());
                    state = watch.initial();
                }
            }
            sections.put(watch.id(), state);
            return state;
        }
        if (section != null) {
            return watch.cast((WatchState) section);
        }
        final S state = watch.initial();
        sections.put(watch.id(), state);
        return state;
    }

    /** The state of the watch if the machine has one (decoding it), else null; creates nothing. */
    public <S extends WatchState> S peek(final Watch<S> watch) {
        return sections.containsKey(watch.id()) ? of(watch) : null;
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** Writes every section: decoded states in their watch's current format, the others as read. */
    public void write(final BinaryWriter out) {
        out.writeInt(sections.size());
        for (final Map.Entry<String, Object> e : sections.entrySet()) {
            out.writeString(e.getKey());
            if (e.getValue() instanceof Stored stored) {
                out.writeInt(stored.version());
                out.writeBytes(stored.value(), stored.offset(), stored.length());
            } else {
                final WatchState state = (WatchState) e.getValue();
                out.writeInt(state.version());
                // the section's length and bytes, written in place
                final int section = out.beginSection();
                state.write(out);
                out.endSection(section);
            }
        }
    }

    public static WatchStates read(final BinaryReader in) {
        final WatchStates states = new WatchStates();
        final int n = in.readInt();
        for (int i = 0; i < n; i++) {
            final String id = in.readString();
            final int version = in.readInt();
            final BinaryReader section = in.section();
            states.sections.put(id, new Stored(version, section.array(), section.position(),
                    section.limit() - section.position()));
        }
        return states;
    }
}
