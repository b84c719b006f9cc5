package dev.pdm.iiot.events.model;

/** Where an alert is in its life: raised, acknowledged by a person, cleared. */
public enum AlertStatus {
    /** Open, nobody has acknowledged it yet. */
    ACTIVE_UNACK,
    /** Open and acknowledged: somebody is on it. */
    ACTIVE_ACK,
    /** Closed: the machine is back to normal, or a person cleared it. */
    CLEARED;

    public boolean isOpen() {
        return this != CLEARED;
    }
}
