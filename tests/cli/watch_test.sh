#!/usr/bin/env bash
# `seg watch` and `seg compact` end to end: the first watch reports every member as entered;
# new events and contacts move exactly the contacts they touch (golden table); `seg run` sees
# the appended rows; a bad batch changes nothing; two watches at once are serialized; after
# `seg compact` the snapshot alone holds everything and the deltas go on.
# Usage: watch_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg
  examples/crm/metrics.seg)
export SEG_CACHE_DIR="$work/cache"
expect_status 0 "seg gen" "$seg" gen --contacts 3000 --seed 5 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/x.segdb"
snap="$work/x.segdb"

expect_status 0 "first watch" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-11-01T00:00:00Z --format json
cp "$work/out" "$work/first.json"
expect_status 0 "run" "$seg" run "${crm[@]}" --data "$snap" --now 2026-11-01T00:00:00Z --format json --no-timings
bad=$(jq -n --slurpfile w "$work/first.json" --slurpfile r "$work/out" \
  '[$r[0].segments | to_entries[] | select(.value.members != ($w[0].segments[.key].entered | length))] | length')
if [ "$bad" = 0 ]; then pass; else fail "first watch: $bad segments whose entered differ from seg run's members"; fi
if [ "$(jq '.evaluation' "$work/first.json")" = 1 ] && [ "$(jq '.previous_now' "$work/first.json")" = null ]; then pass; else fail "first watch: evaluation/previous_now"; fi

# Contact 7 buys twice (a champion's purchases), contact 9000 is new in Berlin.
header=$(head -1 "$work/data/contacts.csv")
printf '%s\n9000,new@example.org,33,female,DE,Berlin,40,software,pro,,2026-10-20T10:00:00Z,2026-10-31T09:00:00Z,2500.00,9,mobile,true\n' "$header" >"$work/new.csv"
printf 'contact_id,type,at,amount,campaign,url\n7,purchase,2026-10-31T10:00:00Z,900.00,,\n7,purchase,2026-10-30T10:00:00Z,950.00,,\n9000,page_view,2026-10-31T09:00:00Z,,,/pricing\n' >"$work/ev.csv"
expect_status 0 "watch with changes" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-11-01T00:00:00Z \
  --events "$work/ev.csv" --contacts "$work/new.csv"
expect_contains "$work/err" "accepted batch 1 (durable): 3 events, 1 new and 0 changed contacts" "ack"
if [ "${SEG_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/out" tests/cli/watch/changes.out; fi
expect_same tests/cli/watch/changes.out "$work/out" "the deltas table differs from tests/cli/watch/changes.out"
expect_status 0 "run sees the rows" "$seg" run "${crm[@]}" --data "$snap" --now 2026-11-01T00:00:00Z --format json --no-timings
if [ "$(jq '.contacts' "$work/out")" = 3001 ]; then pass; else fail "seg run: $(jq '.contacts' "$work/out") contacts, expected 3001"; fi

# A bad row: nothing applied, the log unchanged, exit 1 with the loader's message.
size=$(stat -c %s "$snap.log")
printf 'contact_id,type,at,amount,campaign,url\n7,purchase,2026-10-31T11:00:00Z,5.00,,\n12345678,purchase,2026-10-31T11:00:00Z,5.00,,\n' >"$work/bad.csv"
expect_status 1 "bad batch" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-11-01T00:00:00Z --events "$work/bad.csv"
expect_contains "$work/err" "bad.csv:3" "bad batch names the row"
expect_contains "$work/err" "nothing of it was applied" "bad batch says nothing was applied"
if [ "$(stat -c %s "$snap.log")" = "$size" ]; then pass; else fail "a rejected batch grew the log"; fi

# Time alone: a month later, without changes.
expect_status 0 "time alone" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-12-01T00:00:00Z --format json
left=$(jq '[.segments[].left | length] | add' "$work/out")
if [ "$left" -gt 0 ]; then pass; else fail "a month later nobody left a segment"; fi

# Two writers at once: both succeed, one after the other.
printf 'contact_id,type,at\n11,support_ticket,2026-11-30T10:00:00Z\n' >"$work/t1.csv"
printf 'contact_id,type,at\n12,support_ticket,2026-11-30T11:00:00Z\n' >"$work/t2.csv"
"$seg" watch "${crm[@]}" --data "$snap" --now 2026-12-01T00:00:00Z --events "$work/t1.csv" --format json >"$work/w1" 2>&1 &
p1=$!
"$seg" watch "${crm[@]}" --data "$snap" --now 2026-12-01T00:00:00Z --events "$work/t2.csv" --format json >"$work/w2" 2>&1 &
p2=$!
if wait $p1 && wait $p2; then pass; else fail "concurrent watches: $(cat "$work/w1" "$work/w2" | head -5)"; fi
expect_status 0 "after both" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-12-01T00:00:00Z --format json
if [ "$(jq '.evaluation' "$work/out")" = 6 ]; then pass; else fail "evaluation $(jq '.evaluation' "$work/out"), expected 6"; fi
expect_contains "$work/err" "change log: 3 batches (5 events, 1 new and 0 changed contacts)" "replay note"
cp "$work/out" "$work/before-compact.json"

expect_status 0 "compact" "$seg" compact --data "$snap"
expect_contains "$work/out" "compacted 3 change batches" "compact report"
if [ "$(stat -c %s "$snap.log")" = 64 ]; then pass; else fail "the log is not empty after compaction"; fi
expect_status 0 "info" "$seg" info "$snap"
expect_contains "$work/out" "contacts: 3,001" "the snapshot holds the new contact"
expect_status 0 "after compact" "$seg" watch "${crm[@]}" --data "$snap" --now 2026-12-01T00:00:00Z --format json
same=$(jq -n --slurpfile a "$work/before-compact.json" --slurpfile b "$work/out" \
  '[$a[0].segments | to_entries[] | .key as $k | select(.value.members != $b[0].segments[$k].members)] | length')
if [ "$same" = 0 ] && [ "$(jq '[.segments[] | (.entered + .left) | length] | add' "$work/out")" = 0 ]; then pass; else fail "compaction changed memberships"; fi

expect_status 1 "not a snapshot" "$seg" watch "${crm[@]}" --data "$work/data" --now 2026-12-01T00:00:00Z
expect_contains "$work/err" "is not a snapshot" "folder refused"
finish watch
