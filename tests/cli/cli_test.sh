#!/usr/bin/env bash
# End-to-end checks of the `seg` command: exit statuses, stdin, formatting.
# Usage: cli_test.sh SEG_BINARY SOURCE_DIR
set -uo pipefail
seg="$1"
src="$2"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$src"
expect_status 0 "clean example" "$seg" check examples/crm/crm.schema.seg examples/crm/segments.seg examples/crm/scores.seg examples/crm/metrics.seg
expect_contains "$work/out" "ok: 4 files" "summary line"
expect_status 0 "quiet" "$seg" check -q examples/crm/metrics.seg
[ -s "$work/out" ] && fail "--quiet printed output"
expect_status 1 "five mistakes" "$seg" check --color never tests/diagnostics/cases/five_mistakes.seg
expect_contains "$work/err" "5 errors" "five errors reported"
expect_contains "$work/err" "did you mean 'last_seen_at'?" "suggestion"
expect_status 0 "stdin" sh -c "cat examples/crm/crm.schema.seg | '$seg' check -"
expect_status 1 "stdin with an error" sh -c "echo 'segment x = nope' | '$seg' check --color never -"
expect_contains "$work/err" "<stdin>:1:13: error: unknown name 'nope'" "stdin diagnostics name <stdin>"
expect_status 1 "missing file" "$seg" check does/not/exist.seg
expect_contains "$work/err" "cannot read file" "missing file message"
expect_status 1 "directory" "$seg" check examples
expect_status 2 "no arguments" "$seg"
expect_status 2 "check without files" "$seg" check
expect_status 2 "unknown command" "$seg" frobnicate
expect_status 2 "unknown option" "$seg" check --frobnicate examples/crm/metrics.seg
expect_status 0 "version" "$seg" --version
expect_contains "$work/out" "seg " "version text"
expect_status 0 "help" "$seg" help
expect_contains "$work/out" "Subcommands:" "seg help lists the commands"
expect_status 0 "help check" "$seg" help check
expect_contains "$work/out" "Usage: seg check" "seg help check shows the command's usage"
expect_status 2 "help for an unknown command" "$seg" help nothing
expect_status 0 "ast dump" "$seg" check --ast examples/crm/crm.schema.seg examples/crm/segments.seg
expect_contains "$work/out" "segment" "ast dump names segments"

# fmt: the examples are canonical already, and fmt is idempotent on every input we have.
for f in examples/crm/*.seg stdlib/std/*.seg; do
  expect_status 0 "fmt $f" "$seg" fmt "$f"
  cp "$work/out" "$work/once.seg"
  expect_status 0 "fmt twice $f" "$seg" fmt "$work/once.seg"
  if ! cmp -s "$work/out" "$work/once.seg"; then
    fail "fmt is not idempotent on $f"
    diff "$work/once.seg" "$work/out" | head -20
  fi
done
expect_status 0 "examples and stdlib are in canonical layout" "$seg" fmt --check examples/crm/*.seg stdlib/std/*.seg
expect_status 1 "fmt refuses syntax errors" "$seg" fmt tests/diagnostics/cases/syntax.seg
printf 'segment   a=age>3\n' >"$work/messy.seg"
expect_status 1 "fmt --check on a messy file" "$seg" fmt --check "$work/messy.seg"
expect_status 0 "fmt --write" "$seg" fmt --write "$work/messy.seg"
expect_status 0 "fmt --check after --write" "$seg" fmt --check "$work/messy.seg"

# gen, import, info.
expect_status 0 "gen" "$seg" gen --contacts 300 --seed 5 --out "$work/d1"
expect_status 0 "gen again" "$seg" gen --contacts 300 --seed 5 --out "$work/d2"
cmp -s "$work/d1/events.csv" "$work/d2/events.csv" || fail "gen is not deterministic"
expect_status 0 "import" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/d1" -o "$work/d.segdb" --verify
expect_contains "$work/out" "300 contacts" "import summary"
expect_status 0 "info" "$seg" info "$work/d.segdb" --schema examples/crm/crm.schema.seg
expect_contains "$work/out" "contacts: 300" "info counts"
expect_status 1 "import of broken rows" "$seg" import --schema examples/crm/crm.schema.seg --contacts tests/load/cases/broken/contacts.csv --events tests/load/cases/broken/events.csv -o "$work/broken.segdb" --rejects "$work/rejects"
[ -e "$work/broken.segdb" ] && fail "a failed import left a snapshot"
expect_contains "$work/err" "16 rejected rows" "error budget message"
[ -s "$work/rejects/events.csv" ] || fail "no reject file"
expect_status 0 "import within the error budget" "$seg" import --schema examples/crm/crm.schema.seg --contacts tests/load/cases/broken/contacts.csv --events tests/load/cases/broken/events.csv -o "$work/broken.segdb" --max-errors 16
expect_status 1 "info on a file that is no snapshot" "$seg" info examples/crm/crm.schema.seg
expect_status 2 "import without output" "$seg" import --schema examples/crm/crm.schema.seg --data "$work/d1"

expect_status 0 "explain --plan" "$seg" explain --plan examples/crm/crm.schema.seg examples/crm/segments.seg
expect_contains "$work/out" "slots:" "plan printed"
expect_status 0 "explain --llvm" "$seg" explain --llvm examples/crm/crm.schema.seg examples/crm/segments.seg
expect_contains "$work/out" "target triple" "LLVM IR printed"

finish cli
