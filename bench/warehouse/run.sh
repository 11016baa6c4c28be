#!/usr/bin/env bash
# The bench segments (bench/peers/segments.seg) on a warehouse: each segment's time on
# PostgreSQL 15 and ClickHouse 18.16 with Seg's SQL (`seg sql`) next to the hand-written SQL
# of queries.postgres.sql and queries.clickhouse.sql over the same tables (`seg export`),
# and next to the local JIT; every answer (members, sum of ids) must be equal. Throwaway
# servers (tests/sql/pg_server.sh, ch_server.sh), stopped by PID at the end. A script to
# rerun by hand, not part of CI.
# Usage: bench/warehouse/run.sh [--contacts N (1000000)] [--runs N (3)] [--segment NAME,...]
set -uo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
seg="${SEG:-$src/build/cli/seg}"
contacts=1000000
runs=3
only=""
while [ $# -gt 0 ]; do
  case "$1" in
  --contacts) contacts="$2"; shift 2 ;;
  --runs) runs="$2"; shift 2 ;;
  --segment) only="$2"; shift 2 ;;
  *) echo "usage: $0 [--contacts N] [--runs N] [--segment NAME,...]" >&2; exit 2 ;;
  esac
done
now=2026-11-01T00:00:00Z
cd "$src" || exit 1
. tests/cli/lib.sh
. tests/sql/pg_server.sh
. tests/sql/ch_server.sh
trap 'stop_server; stop_ch; rm -rf "$work"' EXIT
SEG_PG_PORT=55470 start_server bench_warehouse
SEG_CH_PORT=58170 start_ch bench_warehouse
dsn="postgres://seg@127.0.0.1:$port/postgres"

data="build/bench-data/$contacts"
[ -f "$data/events.csv" ] || "$seg" gen --contacts "$contacts" --seed 42 --out "$data" >/dev/null
[ -f "$data.segdb" ] || "$seg" import --schema examples/crm/crm.schema.seg --data "$data" -o "$data.segdb" >/dev/null
echo "data: $contacts contacts"
start=$(date +%s)
"$seg" export --data "$data.segdb" --to "$dsn" --schema-file examples/crm/crm.schema.seg | head -1
psql_run -c "VACUUM ANALYZE" >/dev/null
echo "  PostgreSQL: exported in $(($(date +%s) - start)) s"
start=$(date +%s)
"$seg" export --data "$data.segdb" --to "clickhouse://127.0.0.1:$chport/default" --schema-file examples/crm/crm.schema.seg | head -1
echo "  ClickHouse: exported in $(($(date +%s) - start)) s"

program=bench/peers/segments.seg
names=$(grep -oE '^segment [a-z0-9_]+' "$program" | cut -d' ' -f2)
[ -n "$only" ] && names=$(echo "$only" | tr ',' ' ')
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
statement() { # file name: the statement after "-- segment: name"
  awk -v name="$2" '/^-- segment: /{on = ($3 == name); next} on && !/^--/' "$1"
}
pg_time() { # sql-file -> "members,id_sum median-ms"
  { echo '\timing on'; for _ in $(seq 0 "$runs"); do cat "$1"; done; } >"$work/timed.sql"
  psql_run -At -F, -f "$work/timed.sql" >"$work/pg.out" 2>&1
  local answer times
  answer=$(grep -vE '^Time|^Timing' "$work/pg.out" | head -1)
  times=$(grep -oE '^Time: [0-9.]+' "$work/pg.out" | awk '{print $2}' | tail -n "$runs" | median)
  echo "$answer $times"
}
ch_time() { # sql-file -> "members,id_sum median-ms"
  local answer times=() t
  answer=$(curl -sS "http://127.0.0.1:$chport/" --data-binary @"$1" | tr '\t' ',')
  for _ in $(seq 1 "$runs"); do
    t=$(curl -sS -o /dev/null -w '%{time_total}' "http://127.0.0.1:$chport/" --data-binary @"$1")
    times+=("$(awk -v t="$t" 'BEGIN{printf "%.1f", t * 1000}')")
  done
  echo "$answer $(printf '%s\n' "${times[@]}" | median)"
}

# Seg's SQL twice: as written by default (an event of an unknown contact is in no segment),
# and with --events-name-contacts (`seg export` wrote the tables: every event names a
# contact, as the hand-written queries assume).
printf '| segment | members | JIT ms | PG Seg ms | PG Seg -e ms | PG hand ms | PG Seg/hand | PG Seg -e/hand | CH Seg ms | CH Seg -e ms | CH hand ms | CH Seg/hand | CH Seg -e/hand |\n'
printf '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
status=0
for name in $names; do
  # A one-segment program (hot_leads brings lead_score), as bench/peers/seg_bench.mjs does.
  { echo 'import "crm.schema.seg"'
    awk -v RS= -v name="$name" '$0 ~ ("segment " name " =") || (name == "hot_leads" && /score lead_score/)' "$program"
  } >"$work/one.seg"
  cp examples/crm/crm.schema.seg "$work/"
  jit=()
  for _ in $(seq 0 "$runs"); do
    jit+=("$("$seg" run "$work/one.seg" --data "$data.segdb" --now "$now" --format json 2>/dev/null |
      jq '.timings_ms.compile + .timings_ms.run')")
  done
  jit_ms=$(printf '%s\n' "${jit[@]:1}" | median)
  members=$("$seg" run "$work/one.seg" --data "$data.segdb" --now "$now" --format json --segment "$name" 2>/dev/null |
    jq --arg n "$name" '.segments[$n].members')
  row="| $name | $members | $(printf '%.1f' "$jit_ms")"
  for dialect in postgres clickhouse; do
    times=()
    for flag in "" --events-name-contacts; do
      "$seg" sql "$work/one.seg" --dialect "$dialect" --now "$now" --segment "$name" $flag \
        >"$work/seg.sql" 2>/dev/null
      if [ "$dialect" = postgres ]; then
        { echo "SELECT count(*) AS members, sum(contact_key) AS id_sum FROM ("
          grep -v '^--' "$work/seg.sql" | sed 's/;$//'
          echo ") AS s;"; } >"$work/seg_wrapped.sql"
        read -r seg_answer seg_ms <<<"$(pg_time "$work/seg_wrapped.sql")"
      else
        { echo "SELECT count() AS members, sum(contact_key) AS id_sum FROM ("
          grep -v '^--' "$work/seg.sql" | sed '/^SETTINGS/d'
          echo ") SETTINGS join_use_nulls = 1, distributed_product_mode = 'global'"; } >"$work/seg_wrapped.sql"
        read -r seg_answer seg_ms <<<"$(ch_time "$work/seg_wrapped.sql")"
      fi
      if [ "${seg_answer%%,*}" != "$members" ]; then
        echo "MISMATCH: $dialect $name $flag: Seg's SQL $seg_answer, JIT $members members" >&2
        status=1
      fi
      times+=("$seg_ms")
      answer="$seg_answer"
    done
    if [ "$dialect" = postgres ]; then
      statement bench/warehouse/queries.postgres.sql "$name" >"$work/hand.sql"
      read -r hand_answer hand_ms <<<"$(pg_time "$work/hand.sql")"
    else
      statement bench/warehouse/queries.clickhouse.sql "$name" | sed 's/;$//' >"$work/hand.sql"
      read -r hand_answer hand_ms <<<"$(ch_time "$work/hand.sql")"
    fi
    if [ "$answer" != "$hand_answer" ]; then
      echo "MISMATCH: $dialect $name: Seg's SQL $answer, hand-written $hand_answer" >&2
      status=1
    fi
    row="$row | ${times[0]} | ${times[1]} | $hand_ms"
    row="$row | $(awk -v a="${times[0]}" -v b="$hand_ms" 'BEGIN{printf "%.2f", a / b}')"
    row="$row | $(awk -v a="${times[1]}" -v b="$hand_ms" 'BEGIN{printf "%.2f", a / b}')"
  done
  echo "$row |"
done
exit $status
