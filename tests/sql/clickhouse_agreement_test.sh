#!/usr/bin/env bash
# `seg export --to clickhouse://` and `seg run --engine clickhouse` against a real ClickHouse
# (Debian 12's 18.16, tests/sql/ch_server.sh: a throwaway server on 127.0.0.1, stopped by PID
# at the end): exports `seg gen` data, runs every translated segment and partition of
# examples/crm and tests/sql/edge_cases.seg (also over tests/sql/edge_data) on the server and
# requires the JIT's report (jq) and byte-identical member files, and every score's statistics
# and metric's groups (a whole run) equal to the JIT's; a second export replaces
# the rows; a closed port, a wrong password, an unknown database, a missing table and a
# column of the wrong type each fail with exit 1 and the server's words, leaving the tables
# as they were. Exits 77 with a loud message only when the server binary is missing.
# Random programs of the differential test's generator are run the same way
# (tests/sql/random_programs.sh).
# Usage: clickhouse_agreement_test.sh SEG_BINARY SOURCE_DIR FUZZ_PROGRAMS
set -uo pipefail
seg="$1"
src="$2"
fuzz_programs="$3"
. "$src/tests/cli/lib.sh"
now=2026-11-01T00:00:00Z
prefix=seg_
. "$src/tests/sql/ch_server.sh"
start_ch clickhouse_agreement
command -v jq >/dev/null || ch_skip "no jq"
url="http://127.0.0.1:$chport/default"
to="clickhouse://127.0.0.1:$chport/default"

cd "$src" || exit 1
crm=(examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg)
expect_status 0 "gen" "$seg" gen --contacts "${SEG_SQL_CONTACTS:-2000}" --seed "${SEG_SQL_SEED:-11}" --out "$work/data"
expect_status 0 "import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"

# The segments and partitions that translate, by name (comma-separated).
translated() { # program-files...
  "$seg" sql "$@" --dialect clickhouse --now "$now" --table-prefix "$prefix" 2>/dev/null |
    sed -n 's/^-- \(segment\|partition\) //p' | paste -sd,
}

# The run on the server equals the JIT's: the report's numbers and the member files.
agree() { # label data minimum program-files...
  local label="$1" data="$2" minimum="$3"
  shift 3
  local out="$work/$label" names
  mkdir -p "$out"
  names="$(translated "$@")"
  local count
  count=$(echo "$names" | tr ',' '\n' | grep -c .)
  [ "$count" -ge "$minimum" ] && pass || fail "$label: only $count definitions translate (expected $minimum)"
  expect_status 0 "$label: seg run (jit)" "$seg" run "$@" --data "$data" --now "$now" --engine jit \
    --segment "$names" --members "$out/jit" --format json --no-timings
  cp "$work/out" "$out/jit.json"
  expect_status 0 "$label: seg run --engine clickhouse" "$seg" run "$@" --engine clickhouse --url "$url" \
    --table-prefix "$prefix" --now "$now" --segment "$names" --members "$out/ch" --format json --no-timings
  cp "$work/out" "$out/ch.json"
  local filter='{contacts, only, segments, partitions, warnings}'
  if diff <(jq -S "$filter" "$out/jit.json") <(jq -S "$filter" "$out/ch.json") >"$out/diff"; then pass; else
    fail "$label: the ClickHouse report differs from the JIT's"
    head -20 "$out/diff" | sed 's/^/  | /'
  fi
  if diff -r "$out/jit" "$out/ch" >"$out/members.diff"; then pass; else
    fail "$label: member files differ: $(head -3 "$out/members.diff")"
  fi
  # The tables `seg export` writes have no event without its contact: segments reading no
  # contact field are answered from their events alone, with the same members.
  expect_status 0 "$label: seg run --engine clickhouse --events-name-contacts" "$seg" run "$@" \
    --engine clickhouse --url "$url" --table-prefix "$prefix" --now "$now" --segment "$names" \
    --events-name-contacts --members "$out/ch_events" --format json --no-timings
  if diff -r "$out/jit" "$out/ch_events" >"$out/members.diff"; then pass; else
    fail "$label: --events-name-contacts: member files differ: $(head -3 "$out/members.diff")"
  fi
  echo "clickhouse_agreement: $label: $count definitions agree with the JIT"
  # --combined: one query, a column per segment (1/0) and per partition (the branch), each
  # equal to the JIT's members.
  "$seg" sql "$@" --dialect clickhouse --now "$now" --table-prefix "$prefix" --combined \
    --segment "$names" >"$out/combined.sql" 2>"$out/combined.err"
  ch_query "$(sed '$ s/;$//' "$out/combined.sql") FORMAT TSVWithNames" >"$out/combined.tsv"
  local columns=0 agreeing=0 column=0 name file branch same
  for name in $(head -1 "$out/combined.tsv"); do
    column=$((column + 1))
    [ "$name" = contact_key ] && continue
    columns=$((columns + 1))
    same=1
    for file in "$out/jit/$name.csv" "$out/jit/$name".*.csv; do
      [ -f "$file" ] || continue
      branch=1
      [ "$file" != "$out/jit/$name.csv" ] && { branch="${file##*/$name.}"; branch="${branch%.csv}"; }
      awk -F'\t' -v i="$column" -v b="$branch" 'NR > 1 && $i == b {print $1}' "$out/combined.tsv" |
        sort -n >"$out/ch.sorted"
      tail -n +2 "$file" | cut -d, -f1 | sort -n >"$out/jit.sorted"
      cmp -s "$out/ch.sorted" "$out/jit.sorted" || {
        same=0
        fail "$label: combined: $name ($branch): $(wc -l <"$out/ch.sorted") on ClickHouse, $(wc -l <"$out/jit.sorted") with the JIT"
      }
    done
    [ "$same" = 1 ] && agreeing=$((agreeing + 1))
  done
  [ "$columns" -eq "$count" ] && [ "$agreeing" -eq "$columns" ] && pass ||
    fail "$label: combined: $agreeing of $columns columns agree ($count definitions translate)"
  echo "clickhouse_agreement: $label: combined: $agreeing of $columns columns agree with the JIT"
}

expect_status 0 "export" "$seg" export --data "$work/crm.segdb" --to "$to" --table-prefix "$prefix" \
  --schema-file examples/crm/crm.schema.seg
expect_contains "$work/out" "seg_event_page_view" "the export reports each table"
[ "$(ch_query "SELECT count() FROM ${prefix}contacts")" = "$(($(wc -l <"$work/data/contacts.csv") - 1))" ] &&
  pass || fail "contacts on the server"
[ "$(ch_query "SELECT count() FROM ${prefix}event_page_view")" = "$(grep -c ',page_view,' "$work/data/events.csv")" ] &&
  pass || fail "page views on the server"
# A second export replaces the rows (never the sum of two).
expect_status 0 "export again" "$seg" export --data "$work/crm.segdb" --to "$to" --table-prefix "$prefix"
[ "$(ch_query "SELECT count() FROM ${prefix}contacts")" = "$(($(wc -l <"$work/data/contacts.csv") - 1))" ] &&
  pass || fail "a second export replaces the rows"
[ "$(ch_query "SELECT count() FROM system.tables WHERE name LIKE '%__seg_%'")" = 0 ] && pass ||
  fail "no staging table is left"

agree crm "$work/crm.segdb" 46 "${crm[@]}"
agree edge_cases "$work/crm.segdb" 96 tests/sql/edge_cases.seg
# The whole report: every score's statistics and every metric's groups equal the JIT's
# (tests/sql/report_agreement.sh).
. "$src/tests/sql/report_agreement.sh"
report_agree clickhouse_agreement_crm clickhouse "$work/crm.segdb" 2 26 --engine clickhouse \
  --url "$url" -- "${crm[@]}" examples/crm/metrics.seg
report_agree clickhouse_agreement_edge_cases clickhouse "$work/crm.segdb" 4 33 --engine clickhouse \
  --url "$url" -- tests/sql/edge_cases.seg

# --member-fields: the same member files as the JIT's, values written as the engines write them
fields=email,signup_at,lifetime_value,email_opt_in,plan,age,nps
expect_status 0 "member fields (jit)" "$seg" run "${crm[@]}" --data "$work/crm.segdb" --now "$now" \
  --segment dach,lifecycle,recent_buyers --members "$work/fields_jit" --member-fields "$fields"
expect_status 0 "member fields (server)" "$seg" run "${crm[@]}" --engine clickhouse --url "$url" --table-prefix "$prefix" --now "$now" \
  --segment dach,lifecycle,recent_buyers --members "$work/fields_server" --member-fields "$fields"
diff -r "$work/fields_jit" "$work/fields_server" >/dev/null && pass || fail "member files with fields differ"
expect_status 0 "member fields, pii in clear" "$seg" run "${crm[@]}" --engine clickhouse --url "$url" --table-prefix "$prefix" --now "$now" \
  --segment dach --members "$work/fields_clear" --member-fields email --allow-pii
expect_absent "$work/fields_clear/dach.csv" '\*\*\*' "--allow-pii writes emails in clear"
. "$src/tests/sql/random_programs.sh"
random_agree clickhouse_agreement "$fuzz_programs" clickhouse "$work/crm.segdb" --engine clickhouse --url "$url"
expect_status 0 "export the edge data" "$seg" export --data tests/sql/edge_data --to "$to" \
  --table-prefix "$prefix" --schema-file tests/sql/edge_cases.seg
agree edge_data tests/sql/edge_data 96 tests/sql/edge_cases.seg
report_agree clickhouse_agreement_edge_data clickhouse tests/sql/edge_data 4 33 --engine clickhouse \
  --url "$url" -- tests/sql/edge_cases.seg
# NaN in metrics (tests/sql/nan_metrics.seg): kept by min and max when first, sorted last by
# quantiles; the JSON prints NaN as null, so a NaN where the engines have a number fails.
report_agree clickhouse_agreement_nan clickhouse tests/sql/edge_data 0 8 --engine clickhouse \
  --url "$url" -- tests/sql/nan_metrics.seg

# Errors: one message with the server's words, exit 1, the tables as they were.
before="$(ch_query "SELECT count() FROM ${prefix}contacts")"
closed=$((chport + 20))
expect_status 1 "closed port" "$seg" export --data "$work/crm.segdb" --to "clickhouse://127.0.0.1:$closed/default" --table-prefix "$prefix"
expect_contains "$work/err" "cannot connect to the server" "a closed port is named"
expect_status 1 "wrong password" "$seg" export --data "$work/crm.segdb" --to "clickhouse://seg:wrong@127.0.0.1:$chport/default" --table-prefix "$prefix"
expect_contains "$work/err" "Wrong password for user seg" "the server's words for a wrong password"
expect_status 1 "unknown database" "$seg" run "${crm[@]}" --engine clickhouse --url "http://127.0.0.1:$chport/nodb" --now "$now" --segment dach
expect_contains "$work/err" "Database nodb doesn't exist" "the server's words for an unknown database"
expect_status 1 "missing table" "$seg" export --data "$work/crm.segdb" --to "$to" --table-prefix other_
expect_contains "$work/err" "other_contacts does not exist; pass --schema-file" "a missing table is named"
expect_status 1 "run on a missing table" "$seg" run "${crm[@]}" --engine clickhouse --url "$url" --table-prefix other_ --now "$now" --segment dach
expect_contains "$work/err" "doesn't exist" "the server's words for a missing table"
# amount as Int64: refused before anything is written
ch_query "CREATE TABLE bad_contacts AS ${prefix}contacts" >/dev/null
for t in purchase email_open email_click page_view friend_added form_submit cart_abandoned support_ticket; do
  ch_query "CREATE TABLE bad_event_$t AS ${prefix}event_$t" >/dev/null
done
ch_query "ALTER TABLE bad_event_purchase MODIFY COLUMN amount Int64" >/dev/null
expect_status 1 "wrong column type" "$seg" export --data "$work/crm.segdb" --to "$to" --table-prefix bad_
expect_contains "$work/err" "column bad_event_purchase.amount is Int64 on the server, the data needs Float64" "the column is named"
expect_contains "$work/err" "nothing was written" "nothing was written"
[ "$(ch_query "SELECT count() FROM bad_contacts")" = 0 ] && pass || fail "the wrong-typed export wrote contacts"
[ "$(ch_query "SELECT count() FROM ${prefix}contacts")" = "$before" ] && pass || fail "the tables changed"
expect_status 2 "not an address" "$seg" export --data "$work/crm.segdb" --to "mysql://x/y"

stop_ch
finish clickhouse_agreement
