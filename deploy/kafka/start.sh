#!/bin/bash
# The Kafka broker of docker compose with SASL/SCRAM on every client listener and ACLs: writes its
# server.properties from the environment (deploy/secrets/kafka.env, made by ./run compose-secrets),
# formats the log folder on the first start with the admin's SCRAM credential, and runs the broker.
# Every other principal's credential and ACLs are written by the kafka-init service (acls.sh).
#
# One script for both topologies. Without PDM_KAFKA_* it is the single node "kafka" of the default
# topology (node 1, its own one-voter quorum, replication factor 1). The cluster profile runs it on
# kafka-1, kafka-2 and kafka-3, each with its node id and name, the same three voters, replication
# factor 3 and min.insync.replicas 2 (see docker-compose.yml). These settings are not secret.
set -euo pipefail
: "${KAFKA_CLUSTER_ID:?missing: run ./run compose-secrets}"
: "${KAFKA_ADMIN_PASSWORD:?missing: run ./run compose-secrets}"
: "${KAFKA_CONTROLLER_PASSWORD:?missing: run ./run compose-secrets}"
# this node's id, the name the other containers reach it at, the host port of its EXTERNAL listener
node_id="${PDM_KAFKA_NODE_ID:-1}"
host="${PDM_KAFKA_HOST:-kafka}"
external_port="${PDM_KAFKA_EXTERNAL_PORT:-9092}"
# the controller quorum (id@host:port of every voter; the same on every node) and the durability of
# every topic: the internal ones (offsets, transactions, share groups) and, by default, all others
voters="${PDM_KAFKA_QUORUM_VOTERS:-1@kafka:9093}"
replication_factor="${PDM_KAFKA_REPLICATION_FACTOR:-1}"
min_insync_replicas="${PDM_KAFKA_MIN_INSYNC_REPLICAS:-1}"

props=/tmp/server.properties
umask 077
cat > "$props" <<PROPERTIES
process.roles=broker,controller
node.id=${node_id}
controller.quorum.voters=${voters}
log.dirs=/var/lib/kafka/data
# containers reach the broker as <host>:19092 (kafka:19092 by default), the host as localhost:<port>; both authenticate
listeners=INTERNAL://:19092,EXTERNAL://:9092,CONTROLLER://:9093
advertised.listeners=INTERNAL://${host}:19092,EXTERNAL://localhost:${external_port}
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
offsets.topic.replication.factor=${replication_factor}
transaction.state.log.replication.factor=${replication_factor}
transaction.state.log.min.isr=${min_insync_replicas}
share.coordinator.state.topic.replication.factor=${replication_factor}
share.coordinator.state.topic.min.isr=${min_insync_replicas}
# topics created without a replication factor (Kafka Streams' changelog and repartition topics, Connect's
# dead letters) get this one; every topic without its own min.insync.replicas gets this one
default.replication.factor=${replication_factor}
min.insync.replicas=${min_insync_replicas}
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
PROPERTIES

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$KAFKA_CLUSTER_ID" --config "$props" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]" > /dev/null
exec /opt/kafka/bin/kafka-server-start.sh "$props"
