#!/bin/bash
# Run by the postgres-roles service (compose) as the superuser at every start: the database's roles,
# their privileges (roles.sql) and their passwords (deploy/secrets/postgres-roles.env, made by
# ./run compose-secrets; running it again after new passwords sets them).
#   roles.sh HOST DATABASE
set -euo pipefail
host="$1"
database="$2"
here="$(dirname "$0")"
: "${POSTGRES_PASSWORD:?missing: run ./run compose-secrets}"
export PGPASSWORD="$POSTGRES_PASSWORD"
sql=(psql --no-psqlrc -v ON_ERROR_STOP=1 --quiet -h "$host" -U postgres -d "$database")

"${sql[@]}" -f "$here/roles.sql"
for role in pdm pdm_connect pdm_notifier pdm_reader pdm_retention; do
  var="POSTGRES_$(echo "$role" | tr 'a-z' 'A-Z')_PASSWORD"
  password="${!var:?missing $var: run ./run compose-secrets}"
  # the password as a psql variable: quoted by psql, never part of a command line
  "${sql[@]}" -v role="$role" -v password="$password" <<'SQL'
ALTER ROLE :"role" PASSWORD :'password';
SQL
  echo "role $role ready"
done
