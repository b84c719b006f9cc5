#!/bin/sh
# Registers every connector definition of a folder ({"name": ..., "config": {...}}) on a Connect
# worker; a connector that exists already is left as it is. Each KEY=VALUE after the folder replaces
# that key's value in every definition that has the key (one "key": "value" pair a line, as the
# platform's definitions are written), so that where a connector finds its database is set by the
# deployment, not by the file in git. Secrets stay out of both: definitions name them as
# ${env:...}, which the worker resolves from its own environment.
#   register.sh http://connect:8083 /opt/connect/config [connection.url=jdbc:postgresql://... ...]
set -eu
url="$1"
dir="$2"
shift 2
for override in "$@"; do
  case "$override" in
    *=*) ;;
    *) echo "register.sh: $override is not KEY=VALUE" >&2; exit 2 ;;
  esac
  case "${override#*=}" in
    *'|'* | *'&'* | *'\'* | *'"'*) echo "register.sh: the value of ${override%%=*} has a character this script does not replace" >&2; exit 2 ;;
  esac
done
for file in "$dir"/*.json; do
  definition=/tmp/$(basename "$file")
  cp "$file" "$definition"
  for override in "$@"; do
    key=$(printf '%s' "${override%%=*}" | sed 's/\./\\./g')
    sed -i "s|\"$key\": *\"[^\"]*\"|\"${override%%=*}\": \"${override#*=}\"|" "$definition"
  done
  status=$(curl -s -o /tmp/register.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "@$definition" "$url/connectors")
  case "$status" in
    201) echo "registered $(basename "$file")" ;;
    409) echo "$(basename "$file"): already registered" ;;
    *) echo "$(basename "$file"): HTTP $status" >&2; cat /tmp/register.out >&2; exit 1 ;;
  esac
done
