package dev.pdm.iiot.events.validation;

import java.util.Objects;

/** A rejected reading: the reason's code and a sentence naming the field and value at fault. */
public record Rejection(RejectReason reason, String detail) {

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
