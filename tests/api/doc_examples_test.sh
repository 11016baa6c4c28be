#!/usr/bin/env bash
# The C and C++ examples of docs/embedding.md compile against libseg (warnings as errors)
# and print the numbers `seg run --format json` gives on generated data, so the
# documentation cannot drift from the API.
# Usage: doc_examples_test.sh SOURCE_DIR BUILD_DIR C_COMPILER CXX_COMPILER SEG
set -uo pipefail
src="$1"
build="$2"
cc="$3"
cxx="$4"
seg="$5"
. "$src/tests/cli/lib.sh"
expect_equal() { # description expected actual
  if [ "$2" == "$3" ]; then pass; else fail "$1: expected '$2', got '$3'"; fi
}

# The first ```c and ```cpp blocks of the document.
block() { awk -v lang="$1" '$0 == "```" lang { on = 1; next } on && $0 == "```" { exit } on' \
  "$src/docs/embedding.md"; }
block c >"$work/doc.c"
block cpp >"$work/doc.cpp"
[ -s "$work/doc.c" ] && [ -s "$work/doc.cpp" ] && pass || fail "docs/embedding.md lost its C or C++ example"

flags=(-Wall -Wextra -Werror -I"$src/include" -I"$build/include" -L"$build/api" -lseg)
expect_status 0 "the C example compiles" "$cc" -std=c99 "$work/doc.c" "${flags[@]}" -o "$work/doc_c"
expect_status 0 "the C++ example compiles" "$cxx" -std=c++20 "$work/doc.cpp" "${flags[@]}" -o "$work/doc_cpp"

# The examples name their files relative to the working directory.
mkdir -p "$work/run" && cp "$src"/examples/crm/*.seg "$work/run/"
cd "$work/run" || exit 1
expect_status 0 "seg gen" "$seg" gen --contacts 2000 --seed 5 --out data
expect_status 0 "seg import" "$seg" import --schema crm.schema.seg --data data -o crm.segdb
expect_status 0 "seg run" "$seg" run crm.schema.seg segments.seg scores.seg metrics.seg --data crm.segdb \
  --now 2026-11-01T00:00:00Z --format json --no-timings
vip=$(jq '.segments.vip.members' "$work/out")
plans=$(jq '.metrics.nps_by_plan.rows | length' "$work/out")
export LD_LIBRARY_PATH="$build/api"
expect_status 0 "the C example runs" "$work/doc_c"
expect_equal "C example's count" "vip: $vip" "$(cat "$work/out")"
expect_status 0 "the C++ example runs" "$work/doc_cpp"
expect_equal "C++ example's count" "vip: $vip" "$(head -1 "$work/out")"
expect_equal "C++ example's metric rows" "$plans" "$(($(wc -l <"$work/out") - 1))"
finish doc_examples
