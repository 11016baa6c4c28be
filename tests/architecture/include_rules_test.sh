#!/usr/bin/env bash
# The layers stay layered: base/ includes nothing of Seg but itself, plan/ only base/; the
# runtime includes no front-end header (parser, AST, checker, diagnostics, driver,
# formatter, the lowering); the compiler, SQL back end included, includes nothing of the
# runtime; the public headers include only each other. A new include across a layer fails
# here (runtime_link_test.sh checks the symbols).
# Usage: include_rules_test.sh SOURCE_DIR
set -uo pipefail
src="$1"
. "$src/tests/cli/lib.sh"
cd "$src" || exit 1

# `found` holds "file:line:#include …" lines that break a rule.
expect_none() { # description found
  if [ -z "$2" ]; then pass; else fail "$1:"$'\n'"$2"; fi
}

expect_none "base/ includes only base/ and the standard library" \
  "$(grep -rnE '#include "' base | grep -vE '#include "base/')"
expect_none "plan/ (the plan, the function registry) includes only plan/ and base/" \
  "$(grep -rnE '#include "' plan | grep -vE '#include "(plan|base)/')"
expect_none "the runtime includes no front-end header" \
  "$(grep -rnE '#include "(sema|ast|syntax|diag|driver|format|source|types)/' runtime)"
expect_none "the runtime's plan headers are the plan library's (plan/), not the lowering's" \
  "$(grep -rnoE '#include "plan/[^"]+"' runtime | while IFS= read -r hit; do
    header="${hit#*#include \"}"
    [ -f "${header%\"}" ] || echo "$hit"
  done)"
expect_none "the compiler (the SQL back end too) includes no runtime or API header" \
  "$(grep -rnE '#include "(exec|jit|load|snapshot|store|gen|report|seg)/' compiler)"
expect_none "the public headers include only seg/ headers" \
  "$(grep -rnE '#include ["<]' include | grep -E '#include "' | grep -vE '#include "seg/')"
finish include_rules
