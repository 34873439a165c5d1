#!/usr/bin/env bash
# What one order costs a running ./stack, measured over a window while load runs (a SagaBenchmark step, say): CPU of
# every process of the stack and of the benchmark, and per database the commits, row changes and (when
# pg_stat_statements is loaded) statements. docs/performance.md's per-order figures come from this.
#
#   benchmarks/cost-per-order.sh [seconds]        (default 60; needs psql: apt-get install postgresql-client)
#
# CPU comes from /proc/<pid>/stat (user + system; for PostgreSQL also the children it reaped, so short-lived
# backends count). "postgres" is every postgres process on the machine, so run nothing else on it meanwhile.
set -euo pipefail

seconds=${1:-60}
repo=$(cd "$(dirname "$0")/.." && pwd)
run=${SHOPFLOW_RUN_DIR:-$repo/.run}
[[ -f $run/ports.properties ]] || { echo "no running stack in $run (./stack up -d first)" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install postgresql-client" >&2; exit 1; }
port=$(sed -n 's/^postgres=//p' "$run/ports.properties")
PGPASSWORD=$(cat "$run/postgres/superuser.password")
export PGPASSWORD
databases="orders payments inventory notifications"
ticks=$(getconf CLK_TCK)

sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d "$1" -Atc "$2"; }

statements_loaded() {
    [[ $(sql postgres "select count(*) from pg_extension where extname = 'pg_stat_statements'") == 1 ]] \
        && sql postgres "show shared_preload_libraries" | grep -q pg_stat_statements
}
statements=$(statements_loaded && echo 1 || echo 0)

# "<name> <pid> <ticks>" for every process of the stack and the benchmark
cpu() {
    local pid cmd name
    for pid in $(pgrep -f "shopflow.stack.run=$run" || true) $(pgrep -f SagaBenchmark || true); do
        cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || continue
        case $cmd in
            *SagaBenchmark*) name=benchmark ;;
            *order-service*) name=order-service ;;
            *payment-service*) name=payment-service ;;
            *inventory-service*) name=inventory-service ;;
            *notification-service*) name=notification-service ;;
            *greenmail*) name=smtp ;;
            *kafka.Kafka*) name=kafka ;;
            *) name=registry ;;
        esac
        awk -v n="$name" -v p="$pid" '{ print n, p, $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
    done
    for pid in $(pgrep -x postgres || true); do
        awk -v p="$pid" '{ print "postgres", p, $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || true
    done
}

# "<database> <commits> <row changes> <statements>"
databases() {
    local calls=0 db
    for db in $databases; do
        if (( statements )); then
            calls=$(sql postgres "select coalesce(sum(calls), 0) from pg_stat_statements s
                join pg_database d on d.oid = s.dbid where d.datname = '$db'")
        fi
        echo "$db $(sql postgres "select xact_commit, tup_inserted + tup_updated + tup_deleted
            from pg_stat_database where datname = '$db'" | tr '|' ' ') $calls"
    done
}

orders() { sql orders "select count(*) from orders"; }

before_orders=$(orders); before_cpu=$(cpu); before_db=$(databases)
sleep "$seconds"
after_orders=$(orders); after_cpu=$(cpu); after_db=$(databases)
placed=$((after_orders - before_orders))
(( placed > 0 )) || { echo "no order was placed in ${seconds} s: run load meanwhile" >&2; exit 1; }

echo "$placed orders placed in $seconds s ($(awk -v n="$placed" -v s="$seconds" 'BEGIN { printf "%.1f", n / s }')/s)"
echo
printf '%-22s %10s %8s %12s\n' process "CPU s" "% core" "ms / order"
# Only processes alive at both ends count (a JVM restarted in the window would give nonsense).
seconds_by_process=$(join <(awk '{ print $2, $1, $3 }' <<<"$before_cpu" | sort) \
                          <(awk '{ print $2, $3 }' <<<"$after_cpu" | sort) |
    awk -v t="$ticks" '{ cpu[$2] += ($4 - $3) / t } END { for (p in cpu) print p, cpu[p] }' | sort -k2,2nr)
row() { awk -v s="$seconds" -v n="$placed" '{ printf "%-22s %10.2f %7.1f%% %12.2f\n", $1, $2, 100 * $2 / s, 1000 * $2 / n }'; }
row <<<"$seconds_by_process"
awk '$1 != "benchmark" { total += $2 } END { print "total-without-benchmark", total }' <<<"$seconds_by_process" | row
echo
printf '%-14s %14s %18s %18s\n' database "commits/order" "row changes/order" "statements/order"
join <(sort <<<"$before_db") <(sort <<<"$after_db") |
    awk -v n="$placed" -v loaded="$statements" '{
        printf "%-14s %14.2f %18.2f %18s\n", $1, ($5 - $2) / n, ($6 - $3) / n,
            loaded == 1 ? sprintf("%.2f", ($7 - $4) / n) : "-"
    }'
(( statements )) || echo "(statements: load pg_stat_statements first, see docs/performance.md)"
