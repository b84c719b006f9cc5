-- Rollup of minutes into hours, and retention. Both are idempotent: the platform's RetentionJob
-- (or cron + psql, or pg_cron where installed) runs them, e.g. every 15 minutes:
--   SELECT history_rollup(date_trunc('hour', now()) - interval '3 hours', now() - interval '5 minutes');
--   SELECT history_prune(interval '30 days', interval '730 days');

-- Rolls the minutes of every hour that starts in [from_time, to_time) into machine_hour and
-- machine_hour_summary (upserts: an hour rolled up again, e.g. after late minutes, is replaced).
-- The hour's mean is weighted by each minute's readings. Returns the summary rows written.
CREATE FUNCTION history_rollup(from_time timestamptz, to_time timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    first_hour timestamptz := date_trunc('hour', from_time);
    written    bigint;
BEGIN
    INSERT INTO machine_hour (machine_id, hour, sensor, min, mean, max, readings)
    SELECT machine_id, date_trunc('hour', minute), sensor, min(min),
           sum(mean * readings) / nullif(sum(readings), 0), max(max), sum(readings)
    FROM machine_minute
    WHERE minute >= first_hour AND minute < to_time
    GROUP BY machine_id, date_trunc('hour', minute), sensor
    ON CONFLICT (machine_id, hour, sensor) DO UPDATE
        SET min = EXCLUDED.min, mean = EXCLUDED.mean, max = EXCLUDED.max, readings = EXCLUDED.readings;

    INSERT INTO machine_hour_summary (machine_id, hour, readings, anomalies, max_score)
    SELECT machine_id, date_trunc('hour', minute), sum(readings), sum(anomalies), max(max_score)
    FROM machine_minute_summary
    WHERE minute >= first_hour AND minute < to_time
    GROUP BY machine_id, date_trunc('hour', minute)
    ON CONFLICT (machine_id, hour) DO UPDATE
        SET readings = EXCLUDED.readings, anomalies = EXCLUDED.anomalies, max_score = EXCLUDED.max_score;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

-- Deletes minutes older than minute_keep and hours older than hour_keep (the alert audit and the
-- model versions are kept). Run history_rollup first: a minute is deleted only after its hour was
-- rolled up when minute_keep is longer than the rollup's look-back. Returns the rows deleted.
CREATE FUNCTION history_prune(minute_keep interval, hour_keep interval) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    minutes_before timestamptz := date_trunc('hour', now() - minute_keep);
    hours_before   timestamptz := date_trunc('hour', now() - hour_keep);
    n              bigint;
    deleted        bigint := 0;
BEGIN
    DELETE FROM machine_minute WHERE minute < minutes_before;
    GET DIAGNOSTICS n = ROW_COUNT; deleted := deleted + n;
    DELETE FROM machine_minute_summary WHERE minute < minutes_before;
    GET DIAGNOSTICS n = ROW_COUNT; deleted := deleted + n;
    DELETE FROM machine_hour WHERE hour < hours_before;
    GET DIAGNOSTICS n = ROW_COUNT; deleted := deleted + n;
    DELETE FROM machine_hour_summary WHERE hour < hours_before;
    GET DIAGNOSTICS n = ROW_COUNT; deleted := deleted + n;
    RETURN deleted;
END
$$;
