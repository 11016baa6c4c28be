#!/usr/bin/env bash
# `seg compare` on generated CRM data: sizes and the metrics computed for each segment equal
# what `seg run` reports for the same segment and the program's own `… for SEGMENT` metrics.
# Usage: compare_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg
  examples/crm/metrics.seg)
now=2026-11-01T00:00:00Z
expect_status 0 "seg gen" "$seg" gen --contacts 3000 --seed 9 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
expect_status 0 "seg run" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json
cp "$work/out" "$work/run.json"

expect_status 0 "compare json" "$seg" compare "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment vip,inactive_trial,dach --metric 'clv=avg(lifetime_value)' \
  --metric 'conversion=percent(exists(purchase))' --format json
cp "$work/out" "$work/compare.json"
same() { # description jq-on-compare jq-on-run
  local a b
  a=$(jq "$2" "$work/compare.json")
  b=$(jq "$3" "$work/run.json")
  if [ -n "$a" ] && [ "$a" = "$b" ]; then pass; else fail "$1: compare says '$a', seg run '$b'"; fi
}
for s in vip inactive_trial dach; do
  same "$s members" ".[] | select(.segment == \"$s\") | .members" ".segments.$s.members"
done
same "clv for vip = the program's avg_ltv_vip" '.[] | select(.segment == "vip") | .clv' '.metrics.avg_ltv_vip.value'
same "conversion for inactive_trial = trial_conversion" \
  '.[] | select(.segment == "inactive_trial") | .conversion' '.metrics.trial_conversion.value'
keys=$(jq -c '.[0] | keys_unsorted' "$work/compare.json")
expect_same <(echo '["segment","members","percent","clv","conversion","lead_score mean","lead_score median","engagement mean","engagement median"]') <(echo "$keys") "compare's columns"

expect_status 0 "compare table" "$seg" compare "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment vip,dach --metric 'clv=avg(lifetime_value)'
expect_contains "$work/out" "segment  members  percent  clv" "the table's header"
expect_status 1 "an unknown segment" "$seg" compare "${crm[@]}" --data "$work/crm.segdb" --segment dachh
expect_contains "$work/err" "no segment 'dachh'; did you mean 'dach'?" "the unknown segment gets a suggestion"
expect_status 1 "a metric that is not one" "$seg" compare "${crm[@]}" --data "$work/crm.segdb" \
  --segment dach --metric 'avg(purchase.amount)'
expect_contains "$work/err" "a metric must aggregate it over contacts" "the metric's diagnostic"
expect_contains "$work/err" "--metric 'avg(purchase.amount)'" "the bad --metric is named"
finish compare
