package dev.pdm.iiot.events.validation;

/** Why a reading was rejected; the name is the stable code in the dead-letter header. */
public enum RejectReason {
    /** No payload at all. */
    EMPTY_PAYLOAD,
    /** Larger than the configured payload limit. */
    OVERSIZE,
    /** Not JSON: syntax error, duplicate field, trailing garbage, not UTF-8. */
    MALFORMED_JSON,
    /** Valid JSON, but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type, e.g. a sensor value given as a string. */
    WRONG_TYPE,
    /** A sensor value is NaN or infinite. */
    NON_FINITE,
    /** A sensor value lies outside the plausible range for that sensor. */
    OUT_OF_RANGE,
    /** The machine id does not match the allowed pattern. */
    INVALID_MACHINE_ID,
    /** The timestamp cannot be read, or lies too far in the future or the past. */
    INVALID_TIMESTAMP,
    /** A {@code schema_version} this code does not know. */
    UNKNOWN_SCHEMA_VERSION,
    /** The object carries no sensor value at all. */
    NO_SENSOR_VALUES,
    /** The machine id in the payload differs from the one in the record key or MQTT topic. */
    KEY_MISMATCH,
    /**
     * A valid reading that the detector failed to process (a defect of the detector): set aside with
     * the exception in the detail instead of being retried for ever; the machine's state is left as
     * it was before the reading.
     */
    PROCESSING_FAILED
}
