#!/bin/bash
# The Kafka broker of docker compose with SASL/SCRAM on every client listener and ACLs: writes its
# server.properties from the environment (deploy/secrets/kafka.env, made by ./run compose-secrets),
# formats the log folder on the first start with the admin's SCRAM credential, and runs the broker.
# Every other principal's credential and ACLs are written by the kafka-init service (acls.sh).
set -euo pipefail
: "${KAFKA_CLUSTER_ID:?missing: run ./run compose-secrets}"
: "${KAFKA_ADMIN_PASSWORD:?missing: run ./run compose-secrets}"
: "${KAFKA_CONTROLLER_PASSWORD:?missing: run ./run compose-secrets}"

props=/tmp/server.properties
umask 077
cat > "$props" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
log.dirs=/var/lib/kafka/data
# containers reach the broker as kafka:19092, the host as localhost:9092; both authenticate
listeners=INTERNAL://:19092,EXTERNAL://:9092,CONTROLLER://:9093
advertised.listeners=INTERNAL://kafka:19092,EXTERNAL://localhost:9092
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
# KRaft controllers cannot use SCRAM (its credentials live in the metadata they serve): PLAIN, one account
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="${KAFKA_CONTROLLER_PASSWORD}" user_controller="${KAFKA_CONTROLLER_PASSWORD}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:controller
allow.everyone.if.no.acl.found=false
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$KAFKA_CLUSTER_ID" --config "$props" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]" > /dev/null
exec /opt/kafka/bin/kafka-server-start.sh "$props"
