#!/usr/bin/env bash
# End-to-end checks of `seg run`: both engines agree, exit statuses, output formats,
# member files and the masking of personal data.
# Usage: run_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
now=2026-11-01T00:00:00Z

cd "$src"
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg examples/crm/metrics.seg)
expect_status 0 "gen" "$seg" gen --contacts 2000 --seed 11 --out "$work/data"
expect_status 0 "import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"

# Both engines, any thread count, snapshot or CSV folder: the same document.
expect_status 0 "run json (interp)" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json --engine interp --no-timings
grep -v '"engine"' "$work/out" >"$work/interp.json"
expect_contains "$work/out" '"engine": "interp"' "engine named"
expect_contains "$work/out" '"contacts": 2000' "contacts counted"
expect_contains "$work/out" '"now": "2026-11-01T00:00:00Z"' "now echoed"
expect_contains "$work/out" '"hot_leads": {' "segments named"
expect_contains "$work/out" '"lifecycle": {' "partitions named"
expect_contains "$work/out" '"lead_score": {' "scores named"
expect_contains "$work/out" '"nps_by_plan": {' "metrics named"
expect_contains "$work/out" '"by": [' "grouped metrics"
expect_absent "$work/out" '"timings_ms"' "--no-timings"
expect_status 0 "run json (jit)" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json --engine jit --no-timings
grep -v '"engine"' "$work/out" >"$work/jit.json"
expect_same "$work/interp.json" "$work/jit.json" "the interpreter and the JIT disagree"
expect_status 0 "run json (default engine)" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json --no-timings
expect_contains "$work/out" '"engine": "jit"' "jit is the default engine"
expect_status 0 "run json, 1 thread" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json --threads 1 --no-timings
grep -v -e '"engine"' -e '"threads"' "$work/out" >"$work/one.json"
expect_status 0 "run json, 3 threads" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json --threads 3 --no-timings
grep -v -e '"engine"' -e '"threads"' "$work/out" >"$work/three.json"
expect_same "$work/one.json" "$work/three.json" "results depend on the thread count"
expect_status 0 "run on the CSV folder" "$seg" run "${crm[@]}" --data "$work/data" --now $now --format json --engine interp --no-timings
grep -v '"engine"' "$work/out" >"$work/folder.json"
expect_same "$work/interp.json" "$work/folder.json" "the CSV folder and its snapshot disagree"
expect_contains "$work/err" "contacts.csv" "load report on stderr"
expect_status 0 "run with timings" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format json
expect_contains "$work/out" '"timings_ms"' "timings in json"
expect_status 0 "run with the wall clock" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --format json

# A construct the JIT may not compile: either it runs, or the note names the fallback.
mkdir -p "$work/distinct"
cp examples/crm/crm.schema.seg "$work/distinct/"
printf 'import "crm.schema.seg"\nsegment multi = distinct(email_open.campaign) >= 3\n' >"$work/distinct/d.seg"
expect_status 0 "distinct (jit requested)" "$seg" run "$work/distinct/d.seg" --data "$work/crm.segdb" --now $now --format json --no-timings
if grep -q "running with the interpreter" "$work/err"; then
  expect_contains "$work/out" '"engine": "interp"' "the fallback is reported as the engine that ran"
else
  expect_contains "$work/out" '"engine": "jit"' "the JIT ran"
fi
grep -v '"engine"' "$work/out" >"$work/distinct_jit.json"
expect_status 0 "distinct (interp)" "$seg" run "$work/distinct/d.seg" --data "$work/crm.segdb" --now $now --format json --no-timings --engine interp
grep -v '"engine"' "$work/out" >"$work/distinct_interp.json"
expect_same "$work/distinct_interp.json" "$work/distinct_jit.json" "distinct: the engines disagree"

# Table and CSV.
expect_status 0 "table" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now
expect_contains "$work/out" "2,000 contacts, now 2026-11-01T00:00:00Z, engine jit" "table header"
expect_contains "$work/out" "% of contacts" "segment table"
expect_contains "$work/out" "partition lifecycle" "partition table"
expect_contains "$work/out" "median" "score table"
expect_contains "$work/out" "nps_by_plan by plan" "metric groups"
expect_status 0 "csv" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format csv --no-timings
head -1 "$work/out" >"$work/csv_header"
echo "kind,name,group,measure,value" >"$work/csv_expected"
expect_same "$work/csv_expected" "$work/csv_header" "csv header"
expect_contains "$work/out" "segment,hot_leads,,members," "csv segment rows"
expect_contains "$work/out" "metric,nps_by_plan,plan=pro,value," "csv metric groups"
expect_contains "$work/out" "partition,lifecycle,churned,members," "csv partition rows"
cp "$work/out" "$work/run.csv"
expect_status 0 "same run, same bytes" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format csv --no-timings
expect_same "$work/run.csv" "$work/out" "two runs at the same now differ"

# --segment.
expect_status 0 "--segment" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --segment vip,lifecycle --segment hot_leads --format json --no-timings
expect_contains "$work/out" '"vip": {' "selected segment reported"
expect_contains "$work/out" '"hot_leads": {' "second selected segment reported"
expect_absent "$work/out" '"under_30"|"metrics"' "unselected definitions left out"
expect_status 2 "unknown --segment" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --segment hot_lead
expect_contains "$work/err" "did you mean 'hot_leads'?" "--segment suggestion"
expect_status 2 "--segment names a score" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --segment lead_score

# Exit statuses.
expect_status 2 "bad --now" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now 2026-13-01
expect_contains "$work/err" "--now" "bad --now message"
expect_status 2 "--now without a zone" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now 2026-11-01T00:00:00
expect_status 2 "bad --format" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --format xml
expect_status 2 "bad --engine" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --engine fast
expect_status 2 "no --data" "$seg" run "${crm[@]}"
expect_status 2 "bad --member-fields" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --members "$work/m0" --member-fields emial
expect_contains "$work/err" "did you mean 'email'?" "--member-fields suggestion"
expect_status 2 "--member-fields without --members" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --member-fields email
expect_status 1 "missing data" "$seg" run "${crm[@]}" --data "$work/nothing-here" --now $now
expect_contains "$work/err" "no data at" "missing data message"
expect_status 1 "not a snapshot" "$seg" run "${crm[@]}" --data examples/crm/crm.schema.seg --now $now
expect_status 1 "program errors" sh -c "echo 'segment x = nope' | '$seg' run examples/crm/crm.schema.seg - --data '$work/crm.segdb' --color never"
expect_contains "$work/err" "unknown name 'nope'" "program diagnostics"
mkdir -p "$work/changed"
sed 's/age: int?/age: float?/' examples/crm/crm.schema.seg >"$work/changed/crm.schema.seg"
expect_status 1 "schema mismatch" "$seg" run "$work/changed/crm.schema.seg" --data "$work/crm.segdb" --now $now
expect_contains "$work/err" "differs from the program" "schema mismatch message"
expect_contains "$work/err" "'age'" "schema mismatch names the field"

# Member files: keys, extra fields, personal data masked unless allowed.
expect_status 0 "--members" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --format csv --no-timings --members "$work/m" --member-fields email,plan
for f in hot_leads.csv vip.csv lifecycle.churned.csv lifecycle.dormant.csv; do
  if [ -f "$work/m/$f" ]; then pass; else fail "member file $f missing"; fi
done
expect_contains "$work/m/hot_leads.csv" "id,email,plan" "member file header"
expect_contains "$work/err" "personal data masked in member files: email" "masking note"
expect_absent "$work/m/hot_leads.csv" '^[0-9]+,[^*,]+@' "clear e-mail addresses in a member file"
expect_contains "$work/m/hot_leads.csv" "***@" "masked e-mail addresses"
members=$(grep '^segment,hot_leads,,members,' "$work/out" | cut -d, -f5)
lines=$(($(wc -l <"$work/m/hot_leads.csv") - 1))
if [ "$members" = "$lines" ]; then pass; else fail "hot_leads: $members members, $lines rows in its file"; fi
ls -a "$work/m" | grep -q '\.tmp$' && fail "temporary member files left behind" || pass
expect_status 0 "--members --allow-pii" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now $now --no-timings --members "$work/m2" --member-fields email --allow-pii --segment hot_leads
expect_absent "$work/m2/hot_leads.csv" '\*\*\*' "masking despite --allow-pii"
expect_contains "$work/m2/hot_leads.csv" "@" "clear e-mail addresses with --allow-pii"
if [ -f "$work/m2/vip.csv" ]; then fail "--segment exported an unselected segment"; else pass; fi

# A program whose key is personal data, loaded from a small folder with a bad row.
mkdir -p "$work/pii"
cat >"$work/pii/p.seg" <<'SEG'
schema {
  contact {
    email: string key pii
    age: int
  }
}
segment adults = age >= 18
segment grown_ups = age > 17
segment over_30 = age >= 30
segment adult_25 = adults and age >= 25
segment everyone = age >= 0
segment nobody = age > 200
segment one = age == 40
SEG
{
  echo "email,age"
  for i in $(seq 1 40); do echo "user$i@example.com,$i"; done
} >"$work/pii/contacts.csv"
expect_status 0 "key is pii" "$seg" run "$work/pii/p.seg" --data "$work/pii" --now $now --members "$work/pm"
expect_contains "$work/err" "contact key 'email' is personal data" "pii key note"
expect_contains "$work/pm/adults.csv" "u***@example.com" "masked key"
expect_absent "$work/pm/adults.csv" "user[0-9]" "clear key"
expect_contains "$work/out" "warning: nobody is empty" "empty segment warning"
expect_contains "$work/out" "warning: everyone holds every contact" "everyone warning"
expect_contains "$work/out" "warning: one has 1 member (2.5 %): too small to act on" "small segment warning"
expect_contains "$work/out" "warning: grown_ups has the same 23 members as adults" "identical segments"
expect_contains "$work/out" "warning: over_30 lies inside adult_25: all its 11 members are in adult_25 (68.8 % of it) and in 1 other segment" "contained segment"
expect_absent "$work/out" "adult_25 lies inside" "containment by construction is no warning"
# Near-duplicates: neither inside the other, 38 of the 40 in either shared (Jaccard 0.95).
cat >"$work/pii/near.seg" <<'SEG'
schema {
  contact {
    email: string key pii
    age: int
  }
}
segment from_2 = age >= 2
segment to_39 = age <= 39
segment middle = age >= 10 and age <= 30
SEG
expect_status 0 "near-duplicates" "$seg" run "$work/pii/near.seg" --data "$work/pii" --now $now
expect_contains "$work/out" "warning: to_39 is nearly from_2: they share 38 of the 40 members in either (Jaccard 0.950)" "near-duplicate segments"
expect_contains "$work/out" "nearly from_2" "the note column names the near-duplicate"
expect_absent "$work/out" "middle is nearly" "a segment far smaller than another is no near-duplicate"
expect_status 0 "--min-size" "$seg" run "$work/pii/near.seg" --data "$work/pii" --now $now --min-size 25
expect_contains "$work/out" "warning: middle has 21 members (52.5 %): too small to act on (fewer than 25 members)" "--min-size sets the bound"
expect_status 2 "--min-size 0" "$seg" run "$work/pii/near.seg" --data "$work/pii" --min-size 0
printf 'user41@example.com,twelve\n' >>"$work/pii/contacts.csv"
expect_status 1 "rejected rows" "$seg" run "$work/pii/p.seg" --data "$work/pii" --now $now
expect_contains "$work/err" "twelve" "rejected row reported"
expect_status 0 "rejected rows within --max-errors" "$seg" run "$work/pii/p.seg" --data "$work/pii" --now $now --max-errors 1

finish cli_run
