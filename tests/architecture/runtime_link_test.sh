#!/usr/bin/env bash
# The runtime links nothing of the front end: seg_runtime's link interface names neither
# seg_compiler nor seg_grammar (checked when CMake configures, cmake/LinkRules.cmake), and
# libseg_runtime.a needs no symbol that only libseg_compiler.a defines (here, by nm).
# Usage: runtime_link_test.sh SOURCE_DIR LIBSEG_RUNTIME LIBSEG_COMPILER LIBSEG_PLAN LIBSEG_BASE
set -uo pipefail
src="$1" runtime="$2" compiler="$3"
shift 3
. "$src/tests/cli/lib.sh"

# Strong definitions (text, data, read-only, bss); weak ones (inline functions, templates)
# may be defined on both sides.
defined() { nm --defined-only "$@" 2>/dev/null | awk '$2 ~ /^[TDRB]$/ {print $3}' | sort -u; }
nm --undefined-only "$runtime" 2>/dev/null | awk '$1 == "U" {print $2}' | sort -u >"$work/needed"
defined "$runtime" "$@" >"$work/beneath" # the runtime itself, the plan, base
defined "$compiler" | comm -23 - "$work/beneath" >"$work/front"
comm -12 "$work/needed" "$work/front" >"$work/found"
if [ -s "$work/found" ]; then
  fail "libseg_runtime.a needs symbols of libseg_compiler.a:"$'\n'"$(c++filt <"$work/found" | head -20)"
else
  pass
fi
[ -s "$work/needed" ] && pass || fail "nm listed no undefined symbol of $runtime"
finish runtime_link
