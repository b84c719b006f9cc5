package dev.pdm.iiot.simulator.core;

import java.util.ArrayList;
import java.util.List;

/** Machine ids as the prototype names them: {@code MACHINE_001}, {@code MACHINE_002}, … */
public final class MachineIds {

    private MachineIds() {
    }

    /** The id of the machine with this 1-based number. */
    public static String of(final int number) {
        if (number < 1) {
            throw new IllegalArgumentException("machine numbers start at 1, got " + number);
        }
        return String.format("MACHINE_%03d", number);
    }

    /** The ids of machines 1 to {@code count}. */
    public static List<String> first(final int count) {
        final List<String> ids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            ids.add(of(i));
        }
        return List.copyOf(ids);
    }
}
