#!/usr/bin/env bash
# Second first-start step of PostgreSQL (after init.sql): gives each role the password in <dir>/<role>.password,
# dir = $SHOPFLOW_DB_SECRETS_DIR (default /run/secrets). Mounted files, so no password is in the image, the compose
# file or the environment (except the registry's, see below). A role without one has no password and cannot log in.
set -euo pipefail
dir=${SHOPFLOW_DB_SECRETS_DIR:-/run/secrets}
for file in "$dir"/*.password; do
  [ -s "$file" ] || continue
  role=$(basename "$file" .password)
  psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname postgres \
       -v role="$role" -v password="$(tr -d '\r\n' < "$file")" <<'SQL'
ALTER ROLE :"role" PASSWORD :'password';
SQL
  echo "passwords.sh: password set for role $role"
done
# Apicurio Registry takes its database password only from the environment, so its role's comes from there too.
if [ -n "${REGISTRY_DB_PASSWORD:-}" ]; then
  psql -v ON_ERROR_STOP=1 -q --username "$POSTGRES_USER" --dbname postgres -v password="$REGISTRY_DB_PASSWORD" <<'SQL'
ALTER ROLE registry PASSWORD :'password';
SQL
  echo "passwords.sh: password set for role registry"
fi
