#!/usr/bin/env bash
# Seg next to plain SQL: loads the generated CRM data (1 M contacts, ~20 M events by
# default) into DuckDB (@duckdb/node-api under Node.js) and PostgreSQL 15 (Debian's, a
# throwaway server on 127.0.0.1), runs the SQL of the bench segments (queries.*.sql) and
# `seg run` on the same segments (segments.seg), checks that every answer is the same and
# prints the median warm times side by side. A script to rerun by hand; not part of CI.
#
# Usage: bench/peers/run.sh [--contacts N] [--warmup N] [--runs N] [--timeout-s S]
#                           [--skip-seg] [--skip-duckdb] [--skip-postgres]
#                           [--engine jit|interp] [--seg PATH (default build/cli/seg)]
# Needs a build in build/ (scripts/build), Node.js >= 18, and for a first run as root
# network access to the Debian and npm registries (apt: postgresql-15; npm:
# @duckdb/node-api into bench/peers/node_modules). Results: build/bench-peers/*.json.
# Exit status: 0 when every answer matches, 1 on a mismatch or any failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
contacts=1000000 warmup=1 runs=5 timeout_s=300
skip_seg=0 skip_duckdb=0 skip_postgres=0 engine=jit seg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) contacts="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --timeout-s) timeout_s="$2"; shift 2 ;;
    --skip-seg) skip_seg=1; shift ;;
    --skip-duckdb) skip_duckdb=1; shift ;;
    --skip-postgres) skip_postgres=1; shift ;;
    --engine) engine="$2"; shift 2 ;;
    --seg) seg="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$contacts" "$warmup" "$runs" "$timeout_s"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "run.sh: '$n' is not a number" >&2; exit 2; }
done
[ "$runs" -ge 1 ] || { echo "run.sh: --runs must be at least 1" >&2; exit 2; }

now="2026-11-01T00:00:00Z"   # the "today" of seg gen; every query uses it
seg="${seg:-$root/build/cli/seg}"
case "$seg" in /*) ;; *) seg="$PWD/$seg" ;; esac
data="$root/build/bench-data/$contacts"
snapshot="$root/build/bench-data/$contacts.segdb"
out="$root/build/bench-peers"
pgbin=/usr/lib/postgresql/15/bin
segments="ny_women_25_45,recent_buyers,social,high_spenders,pricing_window,hot_leads,champions"
mkdir -p "$out"
log() { printf '\n== %s\n' "$*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- cleanup
pg_tmp="" pg_pid="" policy_rc=""
cleanup() {
  local status=$?
  # Interrupted between pg_ctl start and reading the PID: the server wrote it down.
  if [ -z "$pg_pid" ] && [ -n "$pg_tmp" ] && [ -f "$pg_tmp/data/postmaster.pid" ]; then
    pg_pid="$(head -1 "$pg_tmp/data/postmaster.pid")"
  fi
  if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
    echo "run.sh: stopping PostgreSQL (PID $pg_pid)" >&2
    kill -INT "$pg_pid" 2>/dev/null || true          # fast shutdown
    for _ in $(seq 1 60); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pg_pid" 2>/dev/null; then kill -KILL "$pg_pid" 2>/dev/null || true; sleep 1; fi
  fi
  if [ -n "$pg_tmp" ] && [ -d "$pg_tmp" ]; then rm -rf "$pg_tmp"; fi
  if [ -n "$policy_rc" ]; then rm -f "$policy_rc"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- prerequisites
[ -x "$seg" ] || die "no $seg: build first (scripts/build)"
command -v node >/dev/null || die "Node.js is needed (apt-get install nodejs)"
seg_has_run=0
if "$seg" --help | grep -E '^[[:space:]]+run[[:space:]]' >/dev/null; then seg_has_run=1; fi
if [ "$skip_seg" = 0 ] && [ "$seg_has_run" = 0 ]; then
  die "this build of seg has no 'run' command: rebuild, or pass --skip-seg to compare DuckDB and PostgreSQL only"
fi
"$seg" check -q "$here/segments.seg" || die "bench/peers/segments.seg does not check"

if [ "$skip_duckdb" = 0 ]; then
  # npm: exactly the locked versions, into bench/peers/node_modules; nothing global.
  if [ ! -f "$here/node_modules/.package-lock.json" ] ||
     [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ] ||
     [ ! -d "$here/node_modules/@duckdb/node-api" ]; then
    log "npm ci (bench/peers/node_modules)"
    (cd "$here" && timeout 600 npm ci --no-audit --no-fund)
  fi
fi

if [ "$skip_postgres" = 0 ] && [ ! -x "$pgbin/postgres" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL 15 is not installed: run 'apt-get install postgresql-15' as root"
  log "apt-get install postgresql-15"
  # Keep the package's own 'main' cluster from being started: this script starts (and
  # stops) only its own server.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy_rc=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy_rc"; chmod +x "$policy_rc"
  fi
  timeout 600 apt-get update
  DEBIAN_FRONTEND=noninteractive timeout 1200 apt-get install -y --no-install-recommends postgresql-15
  if [ -n "$policy_rc" ]; then rm -f "$policy_rc"; policy_rc=""; fi
  [ -x "$pgbin/postgres" ] || die "postgresql-15 did not install $pgbin/postgres"
fi

# ---------------------------------------------------------------- data
if [ ! -f "$data/events.csv" ] || [ ! -f "$data/contacts.csv" ]; then
  log "seg gen --contacts $contacts --seed 42"
  timeout 3600 "$seg" gen --contacts "$contacts" --seed 42 --out "$data"
fi
if [ "$skip_seg" = 0 ]; then
  if [ ! -f "$snapshot" ] || [ "$data/events.csv" -nt "$snapshot" ] ||
     ! "$seg" info "$snapshot" >/dev/null 2>&1; then
    log "seg import -> $snapshot"
    timeout 3600 "$seg" import --schema "$root/examples/crm/crm.schema.seg" --data "$data" -o "$snapshot"
  fi
fi
# Warm the page cache: every engine then reads the CSVs (or the snapshot) from memory.
cat "$data/contacts.csv" "$data/events.csv" > /dev/null
if [ "$skip_seg" = 0 ]; then cat "$snapshot" > /dev/null; fi

# Other work on the machine skews every figure: say how busy it is.
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)" >&2

results=()
common=(--warmup "$warmup" --runs "$runs" --timeout-s "$timeout_s")

# ---------------------------------------------------------------- Seg
if [ "$skip_seg" = 0 ]; then
  log "Seg: seg run --engine $engine, one-segment programs, then the whole program"
  timeout $(( (warmup + runs) * 9 * timeout_s + 60 )) \
    node "$here/seg_bench.mjs" --seg "$seg" --program "$here/segments.seg" \
      --snapshot "$snapshot" --now "$now" --segments "$segments" --engine "$engine" --out "$out/seg.json" "${common[@]}"
  results+=("$out/seg.json")
fi

# ---------------------------------------------------------------- DuckDB
if [ "$skip_duckdb" = 0 ]; then
  log "DuckDB: load the CSVs in memory, run queries.duckdb.sql"
  (cd "$here" && timeout $(( (warmup + runs) * 7 * timeout_s + 1200 )) \
    node duckdb_bench.mjs --data "$data" --queries queries.duckdb.sql \
      --out "$out/duckdb.json" "${common[@]}")
  results+=("$out/duckdb.json")
fi

# ---------------------------------------------------------------- PostgreSQL
if [ "$skip_postgres" = 0 ]; then
  log "PostgreSQL 15: initdb, start on 127.0.0.1, COPY, index, run queries.postgres.sql"
  case "$data" in *"'"*) die "the data path must not contain a single quote: $data" ;; esac
  pg_tmp="$(mktemp -d /tmp/seg-peers-pg.XXXXXX)"
  mkdir -p "$pg_tmp/sock"
  as_pg=()
  if [ "$(id -u)" = 0 ]; then          # postgres refuses to run as root
    id postgres >/dev/null 2>&1 || die "no 'postgres' user (it comes with postgresql-15)"
    chown -R postgres: "$pg_tmp"
    as_pg=(runuser -u postgres --)
  fi
  # TCP needs a password nobody knows; the script itself connects over the Unix socket in
  # its private directory.
  (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pg_tmp/pwfile")
  if [ "$(id -u)" = 0 ]; then chown postgres: "$pg_tmp/pwfile"; fi
  "${as_pg[@]}" "$pgbin/initdb" -D "$pg_tmp/data" -U postgres -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$pg_tmp/pwfile" >"$pg_tmp/initdb.log" 2>&1 ||
    { cat "$pg_tmp/initdb.log" >&2; die "initdb failed"; }
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  # Settings: memory for a 1 M / 20 M data set on a 24 GB machine, no durability (a
  # throwaway database), statement_timeout set per session; the rest are defaults
  # (including parallel workers and JIT).
  pg_opts="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pg_tmp/sock"
  pg_opts+=" -c unix_socket_permissions=0700 -c timezone=UTC -c shared_buffers=4GB"
  pg_opts+=" -c work_mem=256MB -c maintenance_work_mem=1GB -c effective_cache_size=16GB"
  pg_opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  pg_opts+=" -c wal_level=minimal -c max_wal_senders=0 -c max_wal_size=16GB"
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pg_tmp/data" -l "$pg_tmp/server.log" -w -t 120 \
    -o "$pg_opts" start >/dev/null || { cat "$pg_tmp/server.log" >&2; die "PostgreSQL did not start"; }
  pg_pid="$(head -1 "$pg_tmp/data/postmaster.pid")"
  echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') started: PID $pg_pid, 127.0.0.1:$port" >&2
  export PATH="$pgbin:$PATH" PGHOST="$pg_tmp/sock" PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
  load_start=$(date +%s%N)
  timeout 3600 psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET statement_timeout = '1800s';
BEGIN;
CREATE TABLE contacts (
  id bigint NOT NULL, email text, age bigint, gender text, country text, city text,
  company_size bigint, industry text, plan text, trial_days_left bigint,
  signup_at timestamptz, last_seen_at timestamptz, lifetime_value double precision,
  nps bigint, device text, email_opt_in boolean);
CREATE TABLE events (
  contact_id bigint NOT NULL, type text NOT NULL, "at" timestamptz NOT NULL,
  amount double precision, campaign text, url text);
\copy contacts FROM '$data/contacts.csv' WITH (FORMAT csv, HEADER true)
\copy events FROM '$data/events.csv' WITH (FORMAT csv, HEADER true)
COMMIT;
ALTER TABLE contacts ADD PRIMARY KEY (id);
CREATE INDEX events_contact_type_at ON events (contact_id, type, "at");
VACUUM (ANALYZE) contacts;
VACUUM (ANALYZE) events;
SQL
  load_end=$(date +%s%N)
  echo "PostgreSQL: loaded, indexed and analyzed in $(( (load_end - load_start) / 1000000 )) ms" >&2
  (cd "$here" && timeout $(( (warmup + runs) * 7 * timeout_s + 120 )) \
    node postgres_bench.mjs --queries queries.postgres.sql --out "$out/postgres.json" "${common[@]}")
  results+=("$out/postgres.json")
fi

# ---------------------------------------------------------------- report
[ "${#results[@]}" -gt 0 ] || die "nothing was run"
log "Answers and median warm times ($contacts contacts, now = $now; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
node "$here/compare.mjs" "${results[@]}"
