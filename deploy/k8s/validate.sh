#!/usr/bin/env bash
# Validates the Kubernetes manifests without a cluster; exits non-zero on any failure.
#
#   deploy/k8s/validate.sh            all checks below
#   deploy/k8s/validate.sh --write    first regenerate the files derived from deploy/topics.yaml and
#                                     deploy/kafka/acls.csv, then check
#
# 1. Topics: deploy/topics.yaml, the services' application.yml defaults, docker-compose.yml and the generated
#    files (overlays/*/topics/*.env, overlays/production/kafka-topics.yaml) agree.
# 2. The local overlay's postgres-init.sql and postgres-passwords.sh are the compose ones (deploy/postgres/), and
#    overlays/production/kafka-users.yaml is what deploy/kafka/acls.csv gives.
# 3. Every overlay renders (`kubectl kustomize`, or a standalone `kustomize build`), and the render passes the
#    structural checks of manifests.py: unique names, every ConfigMap/Secret/$(VAR) reference resolves (production:
#    no Secret at all, only references), Services/PDBs/HPAs select something real, actuator probes, Prometheus
#    annotations, topic settings per service, Strimzi Kafka and KafkaTopics (production), replicas.
# 4. The render validates against the Kubernetes OpenAPI schemas (npm package kubernetes-models, installed once into
#    ~/.cache/shopflow/k8s-schema); Strimzi custom resources have no schema there and get the structural checks only.
#
# Tools: python3 with PyYAML (Debian python3-yaml), kubectl or kustomize, node + npm. Missing ones are installed with
# apt-get when running as root (kubectl is not in Debian's archive: where no apt source has it, install it yourself;
# without a renderer the script falls back to parsing every file and checking the kustomizations' file references,
# and fails unless ALLOW_NO_RENDERER=1). Where npm cannot be had, the schema step fails unless ALLOW_NO_SCHEMA=1.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

write=0
case "${1:-}" in
  --write) write=1 ;;
  "") ;;
  -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac

failures=0
section() { printf '\n== %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
ok() { printf '  ok    %s\n' "$*"; }

apt_updated=0
apt_install() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null 2>&1; apt_updated=1; fi
  # Only what apt has a candidate for: a missing package should not print a wall of apt errors.
  for package in "$@"; do
    apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]' || return 1
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
}

section "Tools"
if ! python3 -c 'import yaml' 2>/dev/null; then
  apt_install python3-yaml || { echo "  FAIL  python3 with PyYAML is needed (apt-get install python3-yaml)"; exit 1; }
fi
ok "python3 $(python3 -c 'import sys, yaml; print("%d.%d" % sys.version_info[:2], "PyYAML", yaml.__version__)')"

render=""
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  render="kubectl kustomize"
elif command -v kustomize >/dev/null; then
  render="kustomize build"
elif apt_install kubectl && command -v kubectl >/dev/null; then
  render="kubectl kustomize"
elif apt_install kustomize && command -v kustomize >/dev/null; then
  render="kustomize build"
fi
if [ -n "$render" ]; then
  ok "renderer: $render ($(${render%% *} version --client 2>/dev/null | tr '\n' ' ' || ${render%% *} version 2>/dev/null))"
else
  echo "  warn  neither kubectl nor kustomize is installed (nor installable from the apt sources here)"
fi

schema_dir="${XDG_CACHE_HOME:-$HOME/.cache}/shopflow/k8s-schema"
schema_version=5.1.0
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm || true
fi
schema=0
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -f "$schema_dir/node_modules/kubernetes-models/package.json" ] \
      || ! grep -q "\"version\": \"$schema_version\"" "$schema_dir/node_modules/kubernetes-models/package.json"; then
    mkdir -p "$schema_dir"
    npm install --prefix "$schema_dir" --no-audit --no-fund --silent "kubernetes-models@$schema_version" \
      >"$schema_dir/npm-install.log" 2>&1 || echo "  warn  npm install kubernetes-models@$schema_version failed (see $schema_dir/npm-install.log)"
  fi
  [ -f "$schema_dir/node_modules/kubernetes-models/package.json" ] && schema=1
fi
if [ "$schema" = 1 ]; then
  ok "schema validator: node $(node --version), kubernetes-models $schema_version"
else
  echo "  warn  no schema validator (needs node and npm)"
fi

section "Topics (deploy/topics.yaml)"
if [ "$write" = 1 ]; then
  python3 "$here/manifests.py" write-topics || failures=$((failures + 1))
fi
python3 "$here/manifests.py" check-topics || failures=$((failures + 1))

section "Kafka ACLs (deploy/kafka/acls.csv)"
if [ "$write" = 1 ]; then
  python3 "$here/manifests.py" write-acls || failures=$((failures + 1))
fi
python3 "$here/manifests.py" check-acls || failures=$((failures + 1))

section "Sources"
if cmp -s deploy/postgres/init.sql "$here/overlays/local/postgres-init.sql"; then
  ok "overlays/local/postgres-init.sql is deploy/postgres/init.sql"
else
  fail "overlays/local/postgres-init.sql differs from deploy/postgres/init.sql (copy it over)"
fi
if cmp -s deploy/postgres/passwords.sh "$here/overlays/local/postgres-passwords.sh"; then
  ok "overlays/local/postgres-passwords.sh is deploy/postgres/passwords.sh"
else
  fail "overlays/local/postgres-passwords.sh differs from deploy/postgres/passwords.sh (copy it over)"
fi
python3 "$here/manifests.py" check-sources || failures=$((failures + 1))

out=$(mktemp -d /tmp/shopflow-k8s.XXXXXX)
trap 'rm -rf "$out"' EXIT
for overlay in "$here"/overlays/*/; do
  env=$(basename "$overlay")
  section "Overlay $env"
  if [ -z "$render" ]; then
    if [ "${ALLOW_NO_RENDERER:-0}" = 1 ]; then
      echo "  skip  not rendered (no kubectl/kustomize; ALLOW_NO_RENDERER=1)"
    else
      fail "not rendered: install kubectl or kustomize (or set ALLOW_NO_RENDERER=1)"
    fi
    continue
  fi
  if ! $render "$overlay" >"$out/$env.yaml" 2>"$out/$env.err"; then
    fail "$render deploy/k8s/overlays/$env: $(cat "$out/$env.err")"
    continue
  fi
  ok "$render deploy/k8s/overlays/$env: $(grep -c '^kind:' "$out/$env.yaml") resources ($(grep '^kind:' "$out/$env.yaml" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $3; sep=", "}'))"
  python3 "$here/manifests.py" check-render "$env" "$out/$env.yaml" || failures=$((failures + 1))
  if [ "$schema" = 1 ]; then
    python3 "$here/manifests.py" to-json "$out/$env.yaml" | node "$here/schema-check.mjs" "$schema_dir" \
      || failures=$((failures + 1))
  elif [ "${ALLOW_NO_SCHEMA:-0}" = 1 ]; then
    echo "  skip  schema validation (no node/npm; ALLOW_NO_SCHEMA=1)"
  else
    fail "schema validation not possible: install node and npm (or set ALLOW_NO_SCHEMA=1)"
  fi
done

echo
if [ "$failures" -gt 0 ]; then
  echo "validate.sh: $failures check(s) failed"
  exit 1
fi
echo "validate.sh: all checks passed"
