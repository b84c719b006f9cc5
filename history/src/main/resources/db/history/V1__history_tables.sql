-- The platform's history: minute aggregates (long, any sensor set), per-minute summary, hourly
-- rollups, the alert audit trail and model versions. Written by the Kafka Connect JDBC sink
-- (upserts on these primary keys, so a re-delivered record changes nothing) and rolled up and
-- pruned by history_rollup / history_prune (V2). Instants are timestamptz (UTC on the wire).

-- Per machine, minute and sensor: min, mean, max over the minute's readings carrying the sensor.
CREATE TABLE machine_minute (
    machine_id varchar(64)      NOT NULL,
    minute     timestamptz      NOT NULL,
    sensor     varchar(128)     NOT NULL,
    min        double precision NOT NULL,
    mean       double precision NOT NULL,
    max        double precision NOT NULL,
    readings   integer          NOT NULL,
    PRIMARY KEY (machine_id, minute, sensor)
);
-- The primary key serves "one machine, a time range" (machine_id, minute) and
-- "one machine, one sensor, a range" scans through its prefix; retention deletes by time:
CREATE INDEX machine_minute_minute_brin ON machine_minute USING brin (minute);

-- Per machine and minute: readings, anomalous readings, the highest anomaly score. The sink writes
-- the minute's sensors as jsonb into `sensors`; the trigger below turns them into machine_minute rows
-- and clears the column, so the sensor values are stored once.
CREATE TABLE machine_minute_summary (
    machine_id    varchar(64)      NOT NULL,
    minute        timestamptz      NOT NULL,
    readings      integer          NOT NULL,
    anomalies     integer          NOT NULL,
    max_score     double precision,
    model_version integer,
    sensors       jsonb,
    PRIMARY KEY (machine_id, minute)
);
CREATE INDEX machine_minute_summary_minute_brin ON machine_minute_summary USING brin (minute);

CREATE FUNCTION machine_minute_summary_explode() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sensors IS NOT NULL THEN
        INSERT INTO machine_minute (machine_id, minute, sensor, min, mean, max, readings)
        SELECT NEW.machine_id, NEW.minute, s.key,
               (s.value ->> 'min')::double precision, (s.value ->> 'mean')::double precision,
               (s.value ->> 'max')::double precision, (s.value ->> 'count')::integer
        FROM jsonb_each(NEW.sensors) AS s
        ON CONFLICT (machine_id, minute, sensor) DO UPDATE
            SET min = EXCLUDED.min, mean = EXCLUDED.mean, max = EXCLUDED.max, readings = EXCLUDED.readings;
        NEW.sensors := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER machine_minute_summary_explode
    BEFORE INSERT OR UPDATE ON machine_minute_summary
    FOR EACH ROW EXECUTE FUNCTION machine_minute_summary_explode();

-- Hourly rollups of the two minute tables (kept longer than minutes).
CREATE TABLE machine_hour (
    machine_id varchar(64)      NOT NULL,
    hour       timestamptz      NOT NULL,
    sensor     varchar(128)     NOT NULL,
    min        double precision NOT NULL,
    mean       double precision NOT NULL,
    max        double precision NOT NULL,
    readings   integer          NOT NULL,
    PRIMARY KEY (machine_id, hour, sensor)
);
CREATE INDEX machine_hour_hour_brin ON machine_hour USING brin (hour);

CREATE TABLE machine_hour_summary (
    machine_id varchar(64)      NOT NULL,
    hour       timestamptz      NOT NULL,
    readings   integer          NOT NULL,
    anomalies  integer          NOT NULL,
    max_score  double precision,
    PRIMARY KEY (machine_id, hour)
);
CREATE INDEX machine_hour_summary_hour_brin ON machine_hour_summary USING brin (hour);

-- Every change of an alert's state as the detector published it on machine-alerts: raised,
-- updated, acknowledged (by whom), cleared (by whom, or by itself). One row per state; the key is
-- what makes a state distinct, so a record delivered twice is written once.
CREATE TABLE alert_audit (
    alert_id        varchar(200)     NOT NULL,
    changed_at      timestamptz      NOT NULL,
    status          varchar(16)      NOT NULL,
    count           bigint           NOT NULL,
    machine_id      varchar(64)      NOT NULL,
    type            varchar(32)      NOT NULL,
    severity        varchar(16)      NOT NULL,
    peak_severity   varchar(16)      NOT NULL,
    first_seen      timestamptz      NOT NULL,
    last_seen       timestamptz      NOT NULL,
    anomaly_score   double precision NOT NULL,
    score           double precision,
    threshold       double precision,
    model_version   integer,
    recommendation  text,
    acknowledged_by varchar(200),
    acknowledged_at timestamptz,
    cleared_by      varchar(200),
    cleared_at      timestamptz,
    metrics         jsonb,
    PRIMARY KEY (alert_id, changed_at, status, count)
);
CREATE INDEX alert_audit_machine_changed ON alert_audit (machine_id, changed_at);
CREATE INDEX alert_audit_changed_brin ON alert_audit USING brin (changed_at);

-- Every model a machine had (machine-models is compacted: Kafka keeps only the latest).
CREATE TABLE model_versions (
    machine_id      varchar(64)      NOT NULL,
    version         integer          NOT NULL,
    trained_at      timestamptz      NOT NULL,
    samples         integer          NOT NULL,
    features        jsonb            NOT NULL,
    feature_stats   jsonb,
    threshold       double precision NOT NULL,
    contamination   double precision NOT NULL,
    trees           integer          NOT NULL,
    subsample       double precision NOT NULL,
    extension_level integer          NOT NULL,
    size_bytes      bigint           NOT NULL,
    reason          varchar(16),
    PRIMARY KEY (machine_id, version)
);
