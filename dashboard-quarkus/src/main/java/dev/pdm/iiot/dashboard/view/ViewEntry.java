package dev.pdm.iiot.dashboard.view;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One keyed item of the plant view at one version. Versions come from one counter per dashboard
 * instance and grow with every change, so a client that holds version {@code v} of a key discards
 * any later-arriving entry of that key with a version {@code <= v}.
 */
public sealed interface ViewEntry permits MachineEntry, AlertEntry {

    /** The version of this entry. */
    long v();

    /** Unique across kinds: a prefix for the kind and the machine or alert id. */
    @JsonIgnore
    String key();
}
