package dev.pdm.iiot.events.model;

/** What the detector knows of a machine. */
public enum MachineState {
    /** Collecting its first readings; no model yet. */
    TRAINING,
    /** Scored, and its last reading was normal. */
    NORMAL,
    /** Scored, and its last reading was anomalous. */
    ANOMALY
}
