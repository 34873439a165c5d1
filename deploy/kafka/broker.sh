#!/usr/bin/env bash
# The compose Kafka broker with SASL and ACLs (entrypoint of the apache/kafka image; the image's own start script
# cannot add a SCRAM user at format time). One combined KRaft node:
#   - clients: SASL_PLAINTEXT with SCRAM-SHA-512 on kafka:9092 (network) and localhost:29092 (host);
#   - controller: SASL_PLAINTEXT with PLAIN on 9093 (SCRAM credentials live in the metadata log the controller serves);
#   - StandardAuthorizer, nothing allowed without an ACL; User:admin is the only super user.
# The admin password comes from the mounted secret /run/secrets/kafka-admin.password; the admin SCRAM credential is
# written at format time (--add-scram), the services' users and the ACLs by deploy/kafka/init.sh.
set -euo pipefail
password=$(tr -d '\r\n' < /run/secrets/kafka-admin.password)
config=/tmp/kafka/server.properties
mkdir -p /tmp/kafka
umask 077
scram="org.apache.kafka.common.security.scram.ScramLoginModule required"
cat > "$config" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=SASL_PLAINTEXT://:9092,CONTROLLER://:9093,HOST://:29092
advertised.listeners=SASL_PLAINTEXT://kafka:9092,HOST://localhost:${KAFKA_HOST_PORT:-29092}
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT,HOST:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=$scram username="admin" password="$password";
listener.name.host.scram-sha-512.sasl.jaas.config=$scram;
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$password" user_admin="$password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
log.dirs=/var/lib/kafka/data
num.partitions=6
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
# Client settings of the admin for the health check, init.sh and the console tools (docker compose exec kafka ...).
cat > /tmp/kafka/admin.properties <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram username="admin" password="$password";
PROPERTIES
/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$config" \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$password]"
exec /opt/kafka/bin/kafka-server-start.sh "$config"
