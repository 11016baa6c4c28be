#!/usr/bin/env bash
# `seg overlap` on generated CRM data: every pair's shared count equals the intersection of
# the two member lists `seg run --members` writes; the table is golden; bad requests fail.
# Usage: overlap_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg
  examples/crm/metrics.seg)
now=2026-11-01T00:00:00Z
picked=dach,vip,high_spenders,mobile_users,new_mobile,hot_leads,newsletter
expect_status 0 "seg gen" "$seg" gen --contacts 3000 --seed 5 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"

expect_status 0 "overlap json" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment $picked --format json
cp "$work/out" "$work/overlap.json"
expect_status 0 "members" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment $picked --members "$work/m"
IFS=, read -ra names <<<"$picked"
for a in "${names[@]}"; do
  for b in "${names[@]}"; do
    [ "$a" = "$b" ] && continue
    both=$(comm -12 <(tail -n +2 "$work/m/$a.csv" | sort) <(tail -n +2 "$work/m/$b.csv" | sort) | wc -l)
    told=$(jq --arg a "$a" --arg b "$b" '.overlaps[] | select(.row == $a and .column == $b) | .both' "$work/overlap.json")
    if [ "$both" = "$told" ]; then pass; else fail "$a ∩ $b: seg overlap says $told, the member files $both"; fi
  done
done
rows=$(($(wc -l <"$work/m/dach.csv") - 1))
told=$(jq '.segments[] | select(.name == "dach") | .members' "$work/overlap.json")
if [ "$rows" = "$told" ]; then pass; else fail "dach: $told members, the file has $rows"; fi

# The table, golden (SEG_UPDATE_GOLDEN=1 rewrites it for review).
expect_status 0 "overlap table" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment $picked
if [ "${SEG_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/out" tests/cli/overlap/table.out; fi
expect_same tests/cli/overlap/table.out "$work/out" "the overlap table differs from tests/cli/overlap/table.out"
expect_status 0 "overlap csv" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --now $now \
  --segment dach,vip --format csv
expect_contains "$work/out" "row,column,row_members,column_members,both,percent_of_row,jaccard" "csv header"

# Every segment by default; the mistakes a user makes.
expect_status 0 "overlap of every segment" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --now $now --format json
pairs=$(jq '.overlaps | length' "$work/out")
if [ "$pairs" = "$((46 * 45))" ]; then pass; else fail "46 segments give $pairs ordered pairs, not 2070"; fi
expect_status 1 "an unknown segment" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --segment dach,dachh
expect_contains "$work/err" "did you mean 'dach'" "the unknown segment gets a suggestion"
expect_status 1 "one segment" "$seg" overlap "${crm[@]}" --data "$work/crm.segdb" --segment dach
expect_contains "$work/err" "two segments or more" "one segment is refused"
finish overlap
