#!/usr/bin/env bash
# Creates the services' SCRAM-SHA-512 users and every ACL of deploy/kafka/acls.csv on the compose broker, then stays
# up as a marker (healthy once done) so the services can wait for it with `condition: service_healthy`.
# Passwords: /run/secrets/kafka-<service>.password; the admin's client settings: /run/secrets/kafka-admin.password.
# Idempotent: users are upserted, identical ACLs are kept once.
set -euo pipefail
bin=/opt/kafka/bin
bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
table=${ACL_TABLE:-/etc/shopflow/acls.csv}
admin=/tmp/admin.properties
umask 077
cat > "$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(tr -d '\r\n' < /run/secrets/kafka-admin.password)";
PROPERTIES
rows=$(grep -v '^[[:space:]]*#' "$table" | grep -v '^[[:space:]]*$' | tr -d '\r')

for principal in $(cut -d, -f1 <<<"$rows" | sort -u); do
  file=/run/secrets/kafka-$principal.password
  [ -s "$file" ] || { echo "init.sh: missing $file" >&2; exit 1; }
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
      --entity-type users --entity-name "$principal" \
      --add-config "SCRAM-SHA-512=[iterations=8192,password=$(tr -d '\r\n' < "$file")]"
done

# One kafka-acls call per (principal, resource type, operation): a JVM start per row would take minutes.
while IFS=, read -r principal type operation; do
  args=()
  while IFS=, read -r p t name o; do
    if [ "$p" = "$principal" ] && [ "$t" = "$type" ] && [ "$o" = "$operation" ]; then
      args+=("--$(tr '[:upper:]' '[:lower:]' <<<"$t")" "$name")
    fi
  done <<<"$rows"
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add \
      --allow-principal "User:$principal" --operation "$operation" "${args[@]}" > /dev/null
  echo "init.sh: $principal may $operation ${args[*]}"
done < <(awk -F, '{print $1","$2","$4}' <<<"$rows" | sort -u)

touch /tmp/done
echo "init.sh: users and $(wc -l <<<"$rows") ACLs in place"
exec sleep infinity
