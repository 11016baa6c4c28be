#!/usr/bin/env bash
# `seg repl` without a terminal: each tests/repl/cases/NAME.txt is fed on standard input
# over generated CRM data, and stdout + stderr must equal NAME.out (SEG_UPDATE_GOLDEN=1
# rewrites the .out files for review).
# Usage: repl_test.sh SEG SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1
crm=examples/crm
expect_status 0 "seg gen" "$seg" gen --contacts 2000 --seed 11 --out "$work/data"
expect_status 0 "seg import" "$seg" import --schema $crm/crm.schema.seg --data "$work/data" -o "$work/crm.segdb"
# OUT/ in a script is a scratch folder, written back as OUT/ in the answers.
mkdir -p "$work/o"
for script in tests/repl/cases/*.txt; do
  golden="${script%.txt}.out"
  sed "s|OUT/|$work/o/|g" "$script" |
    "$seg" repl --data "$work/crm.segdb" --now 2026-11-01T00:00:00Z $crm/crm.schema.seg 2>&1 |
    sed "s|$work/o/|OUT/|g" >"$work/answer"
  if [ "${SEG_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/answer" "$golden"; fi
  expect_same "$golden" "$work/answer" "$script: the answers differ from $golden"
done
# What files_formats.txt wrote: a CSV of every member, masked, and a file `seg check` accepts.
expect_status 0 "the saved session checks" "$seg" check "$work/o/session.seg"
expect_contains "$work/o/big.csv" "id,email,age,gender,country,city" "the export has a header of every field"
expect_absent "$work/o/big.csv" "[a-z]{2,}\.[a-z]+[0-9]*@" "the export masks e-mail addresses"
members="$("$seg" run "$work/o/session.seg" --data "$work/crm.segdb" \
  --now 2026-11-01T00:00:00Z --format json 2>/dev/null | jq '.segments.big_spenders.members')"
rows="$(($(wc -l <"$work/o/big.csv") - 1))"
if [ "$members" = "$rows" ]; then pass; else fail "exported $rows rows, seg run counts $members"; fi
# -c answers its lines and quits.
expect_status 0 "repl -c" "$seg" repl --data "$work/crm.segdb" --now 2026-11-01T00:00:00Z \
  $crm/crm.schema.seg -c 'age is null' -c ':quit' -c 'age > 0'
expect_contains "$work/out" "contacts (" "repl -c answers a condition"
# In csv, standard output holds only the answers; confirmations go beside them.
expect_status 0 "repl -c in csv" "$seg" repl --data "$work/crm.segdb" --now 2026-11-01T00:00:00Z \
  $crm/crm.schema.seg -c ':format csv' -c ':load tests/repl/cases/extra.seg' -c 'loaded_young'
expect_absent "$work/out" "^loaded" "no confirmation among the csv answers"
expect_contains "$work/out" "contacts,percent" "the csv answer"
expect_contains "$work/err" "loaded tests/repl/cases/extra.seg: 1 definition" "the confirmation on stderr"
# A line that fails makes the script fail; an unfinished one is shown where it ends.
expect_status 1 "repl -c with an error" "$seg" repl --data "$work/crm.segdb" $crm/crm.schema.seg \
  -c 'age > 3' -c 'plan =='
expect_contains "$work/err" "<input>:1:8: error: unexpected end of file; expected an expression" \
  "the end of an unfinished line is located in what was typed"
# A folder needs the schema's file.
expect_status 1 "repl on a folder without a schema" "$seg" repl --data "$work/data"
expect_contains "$work/err" "loaded against a schema" "the folder error says what is missing"
finish repl
