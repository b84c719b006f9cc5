#!/bin/sh
# The history's rollup and retention in compose (the history-retention service), as the platform's
# RetentionJob does it: every HISTORY_RETENTION_EVERY seconds, in one transaction, the hours of the
# last HISTORY_ROLLUP_LOOK_BACK rolled up again from their minutes (leaving HISTORY_ROLLUP_SETTLE for
# the aggregation's window and grace), then minutes older than HISTORY_MINUTE_RETENTION and hours
# older than HISTORY_HOUR_RETENTION deleted. Both functions are idempotent: a run that fails is
# simply made again next time. Connects with libpq's PGHOST, PGDATABASE, PGUSER, PGPASSWORD.
set -u
every="${HISTORY_RETENTION_EVERY:-900}"
trap 'exit 0' TERM INT
while true; do
  if psql --no-psqlrc --quiet --tuples-only --no-align --single-transaction -v ON_ERROR_STOP=1 \
      -v settle="${HISTORY_ROLLUP_SETTLE:-5 minutes}" -v look_back="${HISTORY_ROLLUP_LOOK_BACK:-3 hours}" \
      -v minutes="${HISTORY_MINUTE_RETENTION:-30 days}" -v hours="${HISTORY_HOUR_RETENTION:-730 days}" <<'SQL'
SELECT 'machine hours rolled up: ' || history_rollup(
    date_trunc('hour', now() - :'settle'::interval) - :'look_back'::interval, now() - :'settle'::interval);
SELECT 'rows deleted: ' || history_prune(:'minutes'::interval, :'hours'::interval);
SQL
  then
    echo "history rolled up and pruned; next run in ${every}s"
  else
    echo "history rollup and retention failed; next attempt in ${every}s" >&2
  fi
  sleep "$every" &
  wait $!
done
