#!/bin/bash
# Run by the kafka-init service with the admin's credential: sets each service principal's SCRAM
# password (from deploy/secrets/kafka.env; running it again rotates them) and applies acls.conf.
set -euo pipefail
bootstrap="$1"
acls="$2"
admin=/tmp/admin.properties
umask 077
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES

for principal in detector dashboard bridge connect notifier; do
  var="KAFKA_$(echo "$principal" | tr 'a-z' 'A-Z')_PASSWORD"
  password="${!var:?missing $var: run ./run compose-secrets}"
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=${password}]" > /dev/null
  echo "SCRAM credential of $principal set"
done

grep -v '^\s*#' "$acls" | while read -r principal resource pattern name operations; do
  [ -z "$principal" ] && continue
  case "$resource" in
    topic) target=(--topic "$name") ;;
    group) target=(--group "$name") ;;
    transactional-id) target=(--transactional-id "$name") ;;
    cluster) target=(--cluster) ;;
    *) echo "acls.conf: unknown resource $resource" >&2; exit 1 ;;
  esac
  ops=()
  for op in ${operations//,/ }; do ops+=(--operation "$op"); done
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$principal" --resource-pattern-type "$pattern" "${target[@]}" "${ops[@]}" > /dev/null
  echo "ACL: $principal $resource $pattern $name $operations"
done
