#!/usr/bin/env bash
# The scale-out example: a two-shard ClickHouse cluster on one machine (two throwaway
# servers on their own ports, tests/sql/ch_server.sh, a `remote_servers` entry `seg_two`
# naming both), the tables of `seg sql --ddl --cluster seg_two` on each (MergeTree
# <name>_local, Distributed <name> sharded by the contact's key), `seg export` through the
# Distributed tables, and `seg run --engine clickhouse` of examples/crm on the cluster giving
# the JIT's report and member files. Exits 77 only when the server binary is missing (a
# server that does not start is a failure).
# Usage: clickhouse_cluster_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
now=2026-11-01T00:00:00Z
. "$src/tests/sql/ch_server.sh"
chlabel=clickhouse_cluster
[ -x "$chbin" ] || ch_skip "no ClickHouse server at $chbin"
command -v jq >/dev/null || ch_skip "no jq"

# Four free ports: HTTP and TCP of each shard.
ports=()
for candidate in $(seq 58140 2 58198); do
  if port_free "$candidate" && port_free "$((candidate + 1000))" &&
    port_free "$((candidate + 1))" && port_free "$((candidate + 1001))"; then
    ports=("$candidate" "$((candidate + 1000))" "$((candidate + 1))" "$((candidate + 1001))")
    break
  fi
done
[ ${#ports[@]} -eq 4 ] || ch_fail "no free ports between 58140 and 59199"
cluster="<remote_servers><seg_two>
  <shard><replica><host>127.0.0.1</host><port>${ports[1]}</port></replica></shard>
  <shard><replica><host>127.0.0.1</host><port>${ports[3]}</port></replica></shard>
</seg_two></remote_servers>"
start_ch_at shard1 "${ports[0]}" "${ports[1]}" "$cluster" || ch_fail "shard 1 does not start"
start_ch_at shard2 "${ports[2]}" "${ports[3]}" "$cluster" || ch_fail "shard 2 does not start"
echo "clickhouse_cluster: shards on 127.0.0.1:${ports[0]} and 127.0.0.1:${ports[2]} (HTTP)"

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
expect_status 0 "gen" "$seg" gen --contacts 3000 --seed 21 --out "$work/data"
expect_status 0 "import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
expect_status 0 "ddl" "$seg" sql examples/crm/crm.schema.seg --dialect clickhouse --ddl --cluster seg_two
cp "$work/out" "$work/ddl.sql"
expect_contains "$work/ddl.sql" "ENGINE = Distributed('seg_two', currentDatabase(), 'contacts_local', cityHash64(id));" "a Distributed contacts table"
# One statement per request, on each shard.
for http in "${ports[0]}" "${ports[2]}"; do
  awk 'BEGIN{RS=";\n"} NF {print $0 > sprintf("'"$work"'/stmt%02d.sql", n++)}' "$work/ddl.sql"
  for statement in "$work"/stmt*.sql; do
    out="$(curl -sS --max-time 30 "http://127.0.0.1:$http/" --data-binary @"$statement")"
    [ -z "$out" ] && pass || fail "ddl on :$http: $out"
  done
  rm -f "$work"/stmt*.sql
done

expect_status 0 "export into the cluster" "$seg" export --data "$work/crm.segdb" --to "clickhouse://127.0.0.1:${ports[0]}/default"
expect_contains "$work/out" "3,000 rows" "every contact written"
one=$(curl -sS "http://127.0.0.1:${ports[0]}/?query=SELECT%20count()%20FROM%20contacts_local")
two=$(curl -sS "http://127.0.0.1:${ports[2]}/?query=SELECT%20count()%20FROM%20contacts_local")
echo "clickhouse_cluster: contacts per shard: $one + $two"
[ "$((one + two))" -eq 3000 ] && [ "$one" -gt 0 ] && [ "$two" -gt 0 ] && pass ||
  fail "the contacts are not split over both shards: $one + $two"
expect_status 1 "a second export into filled Distributed tables" "$seg" export --data "$work/crm.segdb" --to "clickhouse://127.0.0.1:${ports[0]}/default"
expect_contains "$work/err" "is a Distributed table holding rows" "refused, never doubled"

names="$("$seg" sql "${crm[@]}" --dialect clickhouse --now "$now" 2>/dev/null | sed -n 's/^-- \(segment\|partition\) //p' | paste -sd,)"
expect_status 0 "jit" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now "$now" --segment "$names" \
  --members "$work/jit" --format json --no-timings
cp "$work/out" "$work/jit.json"
for http in "${ports[0]}" "${ports[2]}"; do
  rm -rf "$work/ch"
  expect_status 0 "run on the cluster via :$http" "$seg" run "${crm[@]}" --engine clickhouse \
    --url "http://127.0.0.1:$http/default" --now "$now" --segment "$names" --members "$work/ch" \
    --format json --no-timings
  filter='{contacts, only, segments, partitions, warnings}'
  diff <(jq -S "$filter" "$work/jit.json") <(jq -S "$filter" "$work/out") >"$work/diff" && pass ||
    { fail "the cluster's report differs from the JIT's"; head -10 "$work/diff"; }
  diff -r "$work/jit" "$work/ch" >/dev/null && pass || fail "member files differ on the cluster"
done
echo "clickhouse_cluster: $(echo "$names" | tr ',' '\n' | grep -c .) definitions of examples/crm agree with the JIT on two shards"
# The whole report, every score and metric too (tests/sql/report_agreement.sh), through
# either shard: the groups' aggregates are merged over both.
. "$src/tests/sql/report_agreement.sh"
prefix=""
for http in "${ports[0]}" "${ports[2]}"; do
  report_agree "clickhouse_cluster_via_$http" clickhouse "$work/crm.segdb" 2 26 --engine clickhouse \
    --url "http://127.0.0.1:$http/default" -- "${crm[@]}" examples/crm/metrics.seg
done

stop_ch
finish clickhouse_cluster
