#!/usr/bin/env bash
# Checks the deployment files.
#
#   deploy/check.sh                          static checks (no running stack needed):
#                                              promtool check config (both scrape configs) and check rules,
#                                              promtool test rules (alert unit tests), the two scrape configs agree,
#                                              docker-compose config, every service's API token check (one
#                                              of a mounted public key or an issuer URI), the Dockerfile health
#                                              check port, the local-development token key pair, dashboard JSON sanity
#   deploy/check.sh http://127.0.0.1:9090    the static checks, then against that Prometheus (with the stack up and
#                                              a few orders placed): every panel query of every dashboard returns at
#                                              least one series, every shopflow alert rule evaluates without error,
#                                              and every metric the dashboards name is exported
#   deploy/check.sh --live-only URL          only the checks against Prometheus
#   deploy/check.sh --list                   print every dashboard query (dashboard / panel / refId / expr)
#
# Options: --install installs missing tools from Debian (prometheus for promtool, docker-compose) and makes sure no
# Prometheus daemon is left running by the package. --strict-metrics fails (instead of warning) when a metric a
# dashboard names is not exported at all, even where the panel falls back to 0 (counters such as
# shopflow_dlt_records_total appear only after their first event).
# Needs bash, python3 (standard library only) and, for the static part, promtool and docker-compose (or docker compose).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

install=0 strict=0 static=1 live_url="" list=0
while [ $# -gt 0 ]; do
  case "$1" in
    --install) install=1 ;;
    --strict-metrics) strict=1 ;;
    --live-only) static=0 ;;
    --list) list=1 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    http://*|https://*) live_url="${1%/}" ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$static" = 0 ] && [ -z "$live_url" ]; then echo "--live-only needs a Prometheus URL" >&2; exit 2; fi

failures=0
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
section() { printf '\n== %s\n' "$*"; }

# Dashboard and Prometheus API work, in Python's standard library only.
py() {
  "${PY:-python3}" - "$@" <<'PYTHON'
import json, os, re, sys, urllib.parse, urllib.request

mode, root = sys.argv[1], sys.argv[2]
dash_dir = os.path.join(root, "deploy", "grafana", "dashboards")
# Grafana's own variables, in case a query uses them: replaced by what they would be for a recent, short range.
GRAFANA_VARS = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "30m"}
METRIC = re.compile(r"\b(?:up|(?:shopflow|http|jvm|kafka|process|hikaricp|system|tomcat|executor|logback|spring)_[a-zA-Z0-9_:]+)\b")

def panels(items):
    for p in items:
        if p.get("type") == "row":
            yield from panels(p.get("panels", []))
        else:
            yield p

def queries():
    for name in sorted(os.listdir(dash_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(dash_dir, name), encoding="utf-8") as f:
            dash = json.load(f)
        for p in panels(dash.get("panels", [])):
            for t in p.get("targets", []):
                yield name, dash, p, t

def expr_of(t):
    e = t.get("expr", "")
    for k, v in GRAFANA_VARS.items():
        e = e.replace(k, v)
    return e

def get(base, path, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        try:
            return json.load(e)
        except Exception:
            return {"status": "error", "error": f"HTTP {e.code}"}
    except (urllib.error.URLError, OSError, ValueError) as e:
        return {"status": "error", "error": f"cannot reach {url}: {e}"}

failures = 0
def ok(msg): print(f"  ok    {msg}")
def bad(msg):
    global failures
    failures += 1
    print(f"  FAIL  {msg}")
def warn(msg): print(f"  warn  {msg}")

if mode == "list":
    try:
        for name, dash, p, t in queries():
            print(f"{dash['title']}\t{p['title']}\t{t.get('refId')}\t{expr_of(t)}")
    except BrokenPipeError:
        pass
    sys.exit(0)

if mode == "static":
    uids, count = {}, 0
    with open(os.path.join(root, "deploy/grafana/provisioning/datasources/prometheus.yml"), encoding="utf-8") as f:
        ds_uid = re.search(r"^\s*uid:\s*(\S+)", f.read(), re.M).group(1)
    for name in sorted(os.listdir(dash_dir)):
        if not name.endswith(".json"):
            continue
        try:
            with open(os.path.join(dash_dir, name), encoding="utf-8") as f:
                dash = json.load(f)
        except ValueError as e:
            bad(f"{name}: not valid JSON: {e}")
            continue
        uid = dash.get("uid")
        if not uid or uid in uids:
            bad(f"{name}: missing or duplicate uid {uid!r}")
        uids[uid] = name
        ids = set()
        for p in panels(dash.get("panels", [])):
            where = f"{name} / {p.get('title')!r}"
            if p.get("id") in ids:
                bad(f"{where}: duplicate panel id {p.get('id')}")
            ids.add(p.get("id"))
            if not p.get("title") or not p.get("description"):
                bad(f"{where}: every panel needs a title and a description (the question it answers)")
            targets = p.get("targets", [])
            if not targets:
                bad(f"{where}: no query")
            for t in targets:
                if not t.get("expr", "").strip():
                    bad(f"{where} [{t.get('refId')}]: empty expr")
                for d in (p.get("datasource") or {}, t.get("datasource") or {}):
                    if d.get("uid") != ds_uid:
                        bad(f"{where}: datasource uid {d.get('uid')!r}, provisioned is {ds_uid!r}")
                left = re.findall(r"\$\{?\w+", expr_of(t))
                if left:
                    bad(f"{where} [{t.get('refId')}]: uses dashboard variables {left}, which the live check cannot resolve")
                count += 1
    ok(f"{len(uids)} dashboards, {count} panel queries, datasource uid {ds_uid!r}") if not failures else None
    sys.exit(1 if failures else 0)

if mode == "compose":
    # Optional structural check when PyYAML is at hand (Debian's docker-compose depends on it).
    try:
        import yaml
    except ImportError:
        warn("PyYAML not available: skipped the health-check/depends_on structure check")
        sys.exit(0)
    with open(os.path.join(root, "docker-compose.yml"), encoding="utf-8") as f:
        compose = yaml.safe_load(f)
    services, top_secrets = compose["services"], compose.get("secrets") or {}
    KEY = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION"
    ISSUER = "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"

    def interpolate(text):
        # ${VAR:-default} and ${VAR} as compose resolves them.
        return re.sub(r"\$\{(\w+)(?::?-([^}]*))?\}", lambda m: os.environ.get(m.group(1)) or (m.group(2) or ""), text)

    def environment(svc):
        env = svc.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) if "=" in e else (e, None) for e in env)
        return env

    def jwt_source(name, svc):
        """Which key file or issuer the service checks API tokens with; None (after a FAIL) when it has none."""
        env = environment(svc)
        key, issuer = env.get(KEY), env.get(ISSUER)
        if bool(key) == bool(issuer):
            bad(f"compose service {name}: needs exactly one of {KEY} (a mounted PEM) and {ISSUER}, "
                + ("has both (the public key would win over the issuer)" if key else
                   "has neither (the service refuses to start)"))
            return None
        if issuer:
            return "issuer " + issuer
        if not key.startswith("file:"):
            bad(f"compose service {name}: {KEY} must be a file: location in the container, is {key!r}")
            return None
        path, host_file = key[len("file:"):], None
        for secret in svc.get("secrets") or []:
            if isinstance(secret, dict) and secret.get("target") == path:
                host_file = (top_secrets.get(secret["source"]) or {}).get("file")
        for volume in svc.get("volumes") or []:
            parts = volume.split(":") if isinstance(volume, str) else [volume.get("source"), volume.get("target")]
            if len(parts) > 1 and parts[1] == path:
                host_file = parts[0]
        if not host_file:
            bad(f"compose service {name}: {KEY} names {path}, which no secret or volume of the service mounts")
            return None
        host_file = os.path.normpath(os.path.join(root, interpolate(host_file)))
        try:
            with open(host_file, encoding="utf-8") as f:
                pem = f.read()
        except OSError as e:
            bad(f"compose service {name}: the public key {host_file} cannot be read: {e}")
            return None
        if "-----BEGIN PUBLIC KEY-----" not in pem:
            bad(f"compose service {name}: {host_file} is not a PEM public key (-----BEGIN PUBLIC KEY-----)")
            return None
        return "public key " + os.path.relpath(host_file, root)

    jwt = {}
    for name, svc in services.items():
        if "SERVICE" in ((svc.get("build") or {}).get("args") or {}):
            jwt[name] = jwt_source(name, svc)
    if not jwt:
        bad("no compose service is built from the Dockerfile (build args SERVICE)")
    elif all(jwt.values()):
        ok(f"{len(jwt)} shopflow services check API tokens: " + ", ".join(sorted(set(jwt.values()))))
    for name, svc in services.items():
        if not (svc.get("healthcheck") or {}).get("test"):
            bad(f"compose service {name}: no healthcheck")
        deps = svc.get("depends_on") or {}
        if isinstance(deps, list):
            bad(f"compose service {name}: depends_on without condition")
            deps = {}
        for dep, cond in deps.items():
            if dep not in services:
                bad(f"compose service {name}: depends on unknown {dep}")
            elif (cond or {}).get("condition") != "service_healthy":
                bad(f"compose service {name}: depends on {dep} without condition service_healthy")
    if not failures:
        ok(f"{len(services)} compose services, each with a health check; every depends_on waits for service_healthy")
    sys.exit(1 if failures else 0)

if mode == "live":
    base, strict = sys.argv[3], sys.argv[4] == "1"
    build = get(base, "/api/v1/status/buildinfo")
    if build.get("status") != "success":
        bad(f"{base} does not answer like Prometheus: {build.get('error', build)}")
        sys.exit(1)
    print(f"  Prometheus {build['data'].get('version')} at {base}")

    targets = get(base, "/api/v1/targets", state="active").get("data", {}).get("activeTargets", [])
    shopflow = [t for t in targets if t.get("labels", {}).get("job") == "shopflow"]
    if not shopflow:
        bad("no active scrape targets in job 'shopflow' (started with deploy/prometheus/prometheus*.yml?)")
    for t in shopflow:
        (ok if t.get("health") == "up" else bad)(f"target {t['labels'].get('service', t.get('scrapeUrl'))}: {t.get('health')} {t.get('lastError') or ''}".rstrip())

    exported = set(get(base, "/api/v1/label/__name__/values").get("data", []))
    named = {}
    for name, dash, p, t in queries():
        where = f"{dash['title']} / {p['title']} [{t.get('refId')}]"
        expr = expr_of(t)
        for m in METRIC.findall(re.sub(r'"[^"]*"', '""', expr)):
            named.setdefault(m, where)
        r = get(base, "/api/v1/query", query=expr)
        if r.get("status") != "success":
            bad(f"{where}: query error: {r.get('error')}\n          {expr}")
            continue
        result = r["data"]["result"]
        if not result:
            bad(f"{where}: no series\n          {expr}")
            continue
        values = [s.get("value", [None, None])[1] for s in result] if r["data"]["resultType"] == "vector" else []
        nan = values and all(v in ("NaN", "+Inf", "-Inf") for v in values)
        (warn if nan else ok)(f"{where}: {len(result)} series" + (" (all NaN: no recent traffic?)" if nan else ""))

    for m, where in sorted(named.items()):
        if m not in exported:
            (bad if strict else warn)(f"metric {m} (first used by {where}) is not exported by any target")

    rules = get(base, "/api/v1/rules", type="alert").get("data", {}).get("groups", [])
    group = [g for g in rules if g.get("name") == "shopflow"]
    if not group:
        bad("alert group 'shopflow' is not loaded (rule_files: alerts.yml in the scrape config?)")
    for g in group:
        for rule in g.get("rules", []):
            if rule.get("health") == "err":
                bad(f"alert {rule['name']}: {rule.get('lastError')}")
            else:
                r = get(base, "/api/v1/query", query=rule["query"])
                if r.get("status") == "success":
                    ok(f"alert {rule['name']}: evaluates ({rule.get('state')}, {len(r['data']['result'])} series now)")
                else:
                    bad(f"alert {rule['name']}: {r.get('error')}")
    sys.exit(1 if failures else 0)
PYTHON
}

if [ "$list" = 1 ]; then py list "$root"; exit $?; fi

installed_here=()
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$install" = 1 ]; then
    echo "installing $2 (for $1) from Debian"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >/dev/null 2>&1
    installed_here+=("$2")
    command -v "$1" >/dev/null 2>&1 && return 0
  fi
  fail "$1 not found: apt-get install -y $2 (or run with --install)"
  return 1
}
stop_packaged_prometheus() {
  # Debian's prometheus package may start its daemon; only promtool is wanted here.
  for p in "${installed_here[@]}"; do
    if [ "$p" = prometheus ] && command -v service >/dev/null 2>&1; then
      service prometheus stop >/dev/null 2>&1 || true
    fi
  done
}

if [ "$static" = 1 ]; then
  section "Prometheus configuration and alert rules (promtool)"
  if need promtool prometheus; then
    stop_packaged_prometheus
    for cfg in deploy/prometheus/prometheus.yml deploy/prometheus/prometheus-local.yml; do
      if out=$(promtool check config "$cfg" 2>&1); then pass "promtool check config $cfg"; else fail "promtool check config $cfg"; echo "$out" | sed 's/^/        /'; fi
    done
    if out=$(promtool check rules deploy/prometheus/alerts.yml 2>&1); then
      pass "promtool check rules deploy/prometheus/alerts.yml ($(echo "$out" | grep -o '[0-9]* rules found'))"
    else fail "promtool check rules deploy/prometheus/alerts.yml"; echo "$out" | sed 's/^/        /'; fi
    if out=$(promtool test rules deploy/prometheus/alerts-test.yml 2>&1); then
      pass "promtool test rules deploy/prometheus/alerts-test.yml ($(grep -c '^  - name:' deploy/prometheus/alerts-test.yml) alert tests)"
    else fail "promtool test rules deploy/prometheus/alerts-test.yml"; echo "$out" | sed 's/^/        /'; fi
  fi
  # The compose and the local scrape configs must differ only in their targets (and header comments).
  normalise() { grep -v '^#' "$1" | sed -E 's/targets: \["[^"]*"\]/targets: [X]/'; }
  if diff <(normalise deploy/prometheus/prometheus.yml) <(normalise deploy/prometheus/prometheus-local.yml) >/dev/null; then
    pass "prometheus.yml and prometheus-local.yml agree apart from their targets"
  else
    fail "prometheus.yml and prometheus-local.yml differ in more than their targets:"
    diff <(normalise deploy/prometheus/prometheus.yml) <(normalise deploy/prometheus/prometheus-local.yml) | sed 's/^/        /'
  fi

  section "docker-compose.yml"
  compose=()
  if command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
  elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then compose=(docker compose)
  elif need docker-compose docker-compose; then compose=(docker-compose); fi
  if [ ${#compose[@]} -gt 0 ]; then
    if out=$("${compose[@]}" -f docker-compose.yml config -q 2>&1); then pass "${compose[*]} config -q"
    else fail "${compose[*]} config -q"; echo "$out" | sed 's/^/        /'; fi
  fi
  [ -f Dockerfile ] && pass "Dockerfile present (one for all services, build args SERVICE and PORT)" || fail "Dockerfile missing"
  if grep -q '^HEALTHCHECK' Dockerfile && grep -A2 '^HEALTHCHECK' Dockerfile | grep -qF '${MANAGEMENT_SERVER_PORT:-$SERVER_PORT}'; then
    pass 'Dockerfile HEALTHCHECK probes ${MANAGEMENT_SERVER_PORT:-$SERVER_PORT} (the actuator moves to the management port)'
  else fail 'Dockerfile HEALTHCHECK must probe ${MANAGEMENT_SERVER_PORT:-$SERVER_PORT}'; fi
  # The committed local-development token key pair (compose, k8s local overlay, ./stack token --key) must be a pair.
  keys=deploy/local-dev-secrets
  if command -v openssl >/dev/null 2>&1; then
    if [ "$(openssl pkey -in $keys/jwt-private-local-dev.pem -pubout 2>/dev/null)" = "$(cat $keys/jwt-public-local-dev.pem 2>/dev/null)" ]; then
      pass "$keys/jwt-private-local-dev.pem and jwt-public-local-dev.pem are one key pair"
    else fail "$keys/jwt-public-local-dev.pem is not the public half of jwt-private-local-dev.pem"; fi
  else printf '  warn  openssl not installed: the local-development token key pair is not checked\n'; fi
  for svc in order-service payment-service inventory-service notification-service; do
    if grep -qE "args: \{SERVICE: $svc, PORT: \"[0-9]+\"\}" docker-compose.yml; then pass "$svc built from Dockerfile with SERVICE=$svc"
    else fail "$svc: no build args {SERVICE: $svc, PORT: ...} in docker-compose.yml"; fi
  done
  yaml_python=python3
  python3 -c 'import yaml' 2>/dev/null || { [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import yaml' 2>/dev/null && yaml_python=/usr/bin/python3; }
  out=$(PY=$yaml_python py compose "$root" 2>&1); rc=$?
  echo "$out"; [ $rc = 0 ] || failures=$((failures + 1))

  section "Grafana dashboards"
  out=$(py static "$root" 2>&1); rc=$?
  echo "$out"; [ $rc = 0 ] || failures=$((failures + 1))
fi

if [ -n "$live_url" ]; then
  section "Dashboards and alerts against $live_url"
  py live "$root" "$live_url" "$strict"; [ $? = 0 ] || failures=$((failures + 1))
fi

echo
if [ "$failures" -gt 0 ]; then echo "deploy/check.sh: FAILED ($failures failing check group(s) or checks)"; exit 1; fi
echo "deploy/check.sh: all checks passed"
