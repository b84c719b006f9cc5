#!/bin/sh
# Registers every connector definition of a folder ({"name": ..., "config": {...}}) on a Connect
# worker; a connector that exists already is left as it is.
#   register.sh http://connect:8083 /opt/connect/config
set -eu
url="$1"
dir="$2"
for file in "$dir"/*.json; do
  status=$(curl -s -o /tmp/register.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "@$file" "$url/connectors")
  case "$status" in
    201) echo "registered $(basename "$file")" ;;
    409) echo "$(basename "$file"): already registered" ;;
    *) echo "$(basename "$file"): HTTP $status" >&2; cat /tmp/register.out >&2; exit 1 ;;
  esac
done
