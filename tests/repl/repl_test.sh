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
for script in tests/repl/cases/*.txt; do
  golden="${script%.txt}.out"
  "$seg" repl --data "$work/crm.segdb" --now 2026-11-01T00:00:00Z $crm/crm.schema.seg \
    <"$script" >"$work/answer" 2>&1
  if [ "${SEG_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/answer" "$golden"; fi
  expect_same "$golden" "$work/answer" "$script: the answers differ from $golden"
done
# -c answers its lines and quits.
expect_status 0 "repl -c" "$seg" repl --data "$work/crm.segdb" --now 2026-11-01T00:00:00Z \
  $crm/crm.schema.seg -c 'age is null' -c ':quit' -c 'age > 0'
expect_contains "$work/out" "contacts (" "repl -c answers a condition"
# A folder needs the schema's file.
expect_status 1 "repl on a folder without a schema" "$seg" repl --data "$work/data"
expect_contains "$work/err" "loaded against a schema" "the folder error says what is missing"
finish repl
